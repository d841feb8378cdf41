/**
 * Journey 18 — navigation as in other chat apps: on a phone, Back (the browser's or the
 * app's) returns from a conversation to the list and the next Back leaves the app, never
 * cycling through old conversations, and no app bar stacks above the conversation header;
 * Escape closes the conversation there. By keyboard: the chat list is one Tab stop moved with
 * the arrow keys, opening a conversation puts the cursor in the composer, Ctrl+K goes to the
 * search, and the About dialog lists the shortcuts. axe stays clean.
 */
import type { Page } from '@playwright/test';
import { addContact, contactLink, contactList, endState, send, signIn } from './support/app.ts';
import { expectAccessible } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';

const names = ['Bob', 'Carol', 'Dan'] as const;
const heading = (page: Page, name: string) => page.getByRole('heading', { level: 2, name });
const listShown = (page: Page) => expect(page.getByRole('button', { name: 'Add contact' }));

async function withThreeContacts(page: Page, emails: string[]) {
  for (const [i, name] of names.entries()) {
    await addContact(page, name, emails[i] ?? '');
    await send(page, `hello ${name}`);
  }
}

test('phone: Back returns to the list once, then leaves the app', async ({
  page,
  user,
  stack,
}, testInfo) => {
  const [alice, ...others] = await Promise.all([user('alice'), ...names.map((n) => user(n))]);
  await signIn(page, alice);
  await withThreeContacts(
    page,
    others.map((o) => o.email),
  );
  // A clean history: another page, then the app's list.
  await page.goto('about:blank');
  await page.goto(`${stack.appURL}/`);
  await page.setViewportSize({ width: 390, height: 844 });
  await listShown(page).toBeVisible();

  await test.step('open, app Back, open another, then the browser Back twice', async () => {
    await contactLink(page, 'Bob').click();
    await expect(heading(page, 'Bob')).toBeVisible();
    await expect(page.getByRole('banner')).toBeHidden();
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Back to chats' }).click();
    await listShown(page).toBeVisible();
    await contactLink(page, 'Carol').click();
    await expect(heading(page, 'Carol')).toBeVisible();
    // Alt+Down switches conversation in place: still one entry above the list.
    await page.keyboard.press('Alt+ArrowDown');
    await expect(heading(page, 'Bob')).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL(`${stack.appURL}/`);
    await listShown(page).toBeVisible();
    await page.goBack();
    await expect(page).toHaveURL('about:blank');
  });

  await test.step('Escape closes the conversation on a phone; Ctrl+K goes to the search', async () => {
    await page.goto(`${stack.appURL}/`);
    await contactLink(page, 'Dan').click();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await page.keyboard.press('Escape');
    await listShown(page).toBeVisible();
    await contactLink(page, 'Dan').click();
    await expect(heading(page, 'Dan')).toBeVisible();
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('searchbox', { name: 'Search chats' })).toBeFocused();
  });
  await endState(page, testInfo);
});

test('keyboard: one Tab stop for the list, arrows, composer focus, Ctrl+K, shortcut list', async ({
  page,
  user,
}, testInfo) => {
  const [alice, ...others] = await Promise.all([user('alice'), ...names.map((n) => user(n))]);
  await signIn(page, alice);
  await withThreeContacts(
    page,
    others.map((o) => o.email),
  );
  await page.goto('/');
  const search = page.getByRole('searchbox', { name: 'Search chats' });

  await test.step('Ctrl+K focuses the search', async () => {
    await expect(contactLink(page, 'Dan')).toBeVisible();
    await page.keyboard.press('Control+k');
    await expect(search).toBeFocused();
  });

  await test.step('the list is one Tab stop; arrows move; Enter opens with the composer focused', async () => {
    // Newest first: Dan, Carol, Bob.
    await page.keyboard.press('Tab');
    await expect(contactLink(page, 'Dan')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(contactLink(page, 'Carol')).toBeFocused();
    await page.keyboard.press('End');
    await expect(contactLink(page, 'Bob')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(contactLink(page, 'Dan')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    // Tab leaves the list instead of walking through every conversation.
    await page.keyboard.press('Tab');
    const focusedIsContact = await page.evaluate(
      () => document.activeElement?.closest('[aria-label="Contacts"]') !== null,
    );
    expect(focusedIsContact).toBe(false);
    await page.keyboard.press('Shift+Tab');
    await expect(contactLink(page, 'Carol')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(heading(page, 'Carol')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toBeFocused();
    await expect(contactList(page).getByRole('link', { includeHidden: false })).toHaveCount(3);
  });

  await test.step('About lists the shortcuts', async () => {
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'About' }).click();
    const about = page.getByRole('dialog', { name: 'About' });
    await expect(about.getByRole('heading', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expect(about).toContainText('Ctrl+K');
    await expect(about).toContainText('Alt+↓');
    await expectAccessible(page);
    await page.keyboard.press('Escape');
  });
  await endState(page, testInfo);
});
