/**
 * Journey 2 — contacts: add, search (case-insensitive, by name and by email), the same email
 * twice keeps one contact, an invalid email and your own address are refused in the dialog.
 */
import {
  addContact,
  contactList,
  endState,
  expectSynced,
  SYNC_TIMEOUT,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

test('add, search, duplicates, invalid and own address', async ({ page, user }, testInfo) => {
  const alice = await user('alice');
  const tag = alice.email.slice('alice-'.length, 'alice-'.length + 8);
  const bobEmail = `bob.builder-${tag}@example.com`;
  const daveEmail = `dave-${tag}@example.org`;
  await signIn(page, alice);
  const items = contactList(page).getByRole('listitem');
  const search = page.getByRole('searchbox', { name: 'Search chats' });

  await test.step('add two contacts', async () => {
    await addContact(page, 'Bob Builder', bobEmail);
    // Adding opens the new conversation.
    await expect(page.getByRole('heading', { level: 2, name: 'Bob Builder' })).toBeVisible();
    await addContact(page, 'Dave Jones', daveEmail);
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: 'Bob Builder' })).toHaveCount(1);
    await expect(items.filter({ hasText: 'Dave Jones' })).toHaveCount(1);
  });

  await test.step('search is case-insensitive, on name and email', async () => {
    await search.fill('bOB');
    await expect(items).toHaveCount(1);
    await expect(items).toContainText('Bob Builder');
    await search.fill('JONES');
    await expect(items).toHaveCount(1);
    await expect(items).toContainText('Dave Jones');
    await search.fill(`DAVE-${tag.toUpperCase()}@EXAMPLE.ORG`);
    await expect(items).toHaveCount(1);
    await expect(items).toContainText('Dave Jones');
    await search.fill('example.');
    await expect(items).toHaveCount(2);
    await search.fill('nobody-like-this');
    await expect(items).toHaveCount(0);
    await expect(page.getByText('No contact matches your search.')).toBeVisible();
    await search.fill('');
    await expect(items).toHaveCount(2);
  });

  await test.step('the same email twice (any case, spaces) says "already a contact"; rename from the conversation', async () => {
    await page.getByRole('button', { name: 'Add contact' }).click();
    const adding = page.getByRole('dialog', { name: 'Add contact' });
    await adding.getByRole('textbox', { name: 'Name' }).fill('Bobby');
    await adding.getByRole('textbox', { name: 'Email' }).fill(`  ${bobEmail.toUpperCase()} `);
    await adding.getByRole('button', { name: 'Add' }).click();
    await expect(adding.getByRole('alert')).toContainText('is already a contact (Bob Builder)');
    await adding.getByRole('button', { name: 'Cancel' }).click();
    await expect(items.filter({ hasText: 'Bobby' })).toHaveCount(0);
    await items.filter({ hasText: 'Bob Builder' }).getByRole('link').click();
    await page.getByRole('button', { name: 'Conversation actions' }).click();
    await page.getByRole('menuitem', { name: 'Rename' }).click();
    const renaming = page.getByRole('dialog', { name: 'Rename Bob Builder' });
    await renaming.getByRole('textbox', { name: 'Name' }).fill('Bobby');
    await renaming.getByRole('button', { name: 'Save' }).click();
    await expect(renaming).toBeHidden();
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: 'Bobby' })).toHaveCount(1);
    await expectSynced(page);
    // The server agrees: after a reload (everything comes back from IndexedDB and the pull).
    await page.reload();
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: 'Bobby' })).toHaveCount(1);
  });

  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  const emailBox = dialog.getByRole('textbox', { name: 'Email' });

  await test.step('an invalid email shows an inline error and adds nothing', async () => {
    await page.getByRole('button', { name: 'Add contact' }).click();
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Nobody');
    await emailBox.fill('not-an-email');
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('alert')).toHaveText('Email is not a valid address.');
    await expect(emailBox).toHaveAttribute('aria-invalid', 'true');
    await expect(emailBox).toBeFocused();
  });

  await test.step('adding yourself is refused with a clear message', async () => {
    await emailBox.fill(alice.email.toUpperCase());
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog.getByRole('alert')).toHaveText(
      'That is your own address. Add someone else.',
    );
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(items).toHaveCount(2);
    await expect(items.filter({ hasText: alice.email })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Changes not saved' })).toHaveCount(0, {
      timeout: SYNC_TIMEOUT,
    });
  });

  await endState(page, testInfo);
});
