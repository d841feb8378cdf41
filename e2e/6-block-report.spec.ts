/**
 * Journey 6 — block, report, unblock. After alice blocks bob, what he sends never reaches
 * any of her devices (two browsers here, and a third "device" pulling straight from the API);
 * her report's reason is stored for an operator; unblocking lets new messages through again.
 * A stranger's message request can be blocked too.
 */
import type { Page } from '@playwright/test';
import {
  addContact,
  bubble,
  contactLink,
  endState,
  expectSent,
  expectSynced,
  expectSyncedSince,
  openChat,
  requestList,
  SYNC_TIMEOUT,
  send,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { postSync, scanTable, storedMessages } from './support/server.ts';
import type { StackInfo, TestUser } from './support/stack.ts';

/** What a brand-new device of `who` would get from the server: a full pull. */
async function pulledBodies(stack: StackInfo, who: TestUser): Promise<string[]> {
  const { status, body } = await postSync(stack, `Bearer ${who.tokens.idToken}`);
  expect(status).toBe(200);
  return (body as { changes: { messages: Array<{ body: string }> } }).changes.messages.map(
    (m) => m.body,
  );
}

/** The tag in the open conversation's header. */
const blockedTag = (page: Page) => page.getByRole('main').getByText('Blocked', { exact: true });

test('blocked messages never reach any of alice’s devices; report stored; unblock', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const laptop = await (await newContext()).newPage();
  const phone = await (await newContext()).newPage();
  const bobPage = await (await newContext()).newPage();
  await Promise.all([signIn(laptop, alice), signIn(phone, alice), signIn(bobPage, bob)]);
  await addContact(laptop, 'Bob', bob.email);
  await addContact(bobPage, 'Alice', alice.email);
  await send(bobPage, 'before the block');
  await expect(bubble(laptop, 'before the block')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  await expect(contactLink(phone, 'Bob')).toBeVisible({ timeout: SYNC_TIMEOUT });
  await openChat(phone, 'Bob');
  await expect(bubble(phone, 'before the block')).toHaveCount(1);

  await test.step('alice blocks bob on her laptop; her phone follows', async () => {
    await laptop.getByRole('button', { name: 'Conversation actions' }).click();
    await laptop.getByRole('menuitem', { name: 'Block' }).click();
    const dialog = laptop.getByRole('dialog', { name: 'Block' });
    await expect(dialog).toContainText('Block Bob?');
    await dialog.getByRole('button', { name: 'Block' }).click();
    await expect(dialog).toBeHidden();
    await expect(blockedTag(laptop)).toBeVisible();
    await expect(laptop.getByText('You blocked Bob. Unblock to send messages.')).toBeVisible();
    await expectSynced(laptop);
    await expect(blockedTag(phone)).toBeVisible({ timeout: SYNC_TIMEOUT });
  });

  const blocked = ['sent after the block', 'and another one'];
  await test.step('what bob sends now reaches none of her devices', async () => {
    for (const text of blocked) {
      await send(bobPage, text);
      // Bob is not told: the server took it.
      await expectSent(bobPage, text);
    }
    const stored = await storedMessages(stack, bob.email, alice.email);
    // Kept for bob; whom it is hidden from is decided at pull time from alice's block log.
    for (const text of blocked) expect(stored.some((m) => m.body === text)).toBe(true);
    const since = Date.now();
    await Promise.all([
      expectSyncedSince(laptop, alice.email, since),
      expectSyncedSince(phone, alice.email, since),
    ]);
    for (const page of [laptop, phone]) {
      for (const text of blocked) await expect(page.getByText(text)).toHaveCount(0);
      await expect(bubble(page, 'before the block')).toHaveCount(1);
      await expect(page).toHaveTitle('ChatScape');
    }
    const pulled = await pulledBodies(stack, alice);
    expect(pulled).toContain('before the block');
    for (const text of blocked) expect(pulled).not.toContain(text);
  });

  const details = `Spam links <b>again</b> & again — ${Date.now()}`;
  // The category goes first in the protocol's free-text reason.
  const reason = `spam: ${details}`;
  await test.step('the report reason is stored server-side', async () => {
    await laptop.getByRole('button', { name: 'Conversation actions' }).click();
    await laptop.getByRole('menuitem', { name: 'Report' }).click();
    const dialog = laptop.getByRole('dialog', { name: 'Report' });
    await dialog.getByRole('button', { name: 'Report' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('Choose what is wrong.');
    await dialog.getByRole('radio', { name: 'Spam' }).check();
    await dialog.getByRole('textbox', { name: 'Details (optional)' }).fill(details);
    await dialog.getByRole('button', { name: 'Report' }).click();
    await expect(dialog).toBeHidden();
    await expect(laptop.getByRole('main').getByText('Reported', { exact: true })).toBeVisible();
    await expect
      .poll(
        async () =>
          (
            await scanTable<{ reported: string; reporter: string; reason: string }>(
              stack,
              'reports',
            )
          )
            .filter((r) => r.reporter === alice.email)
            .map(({ reported, reason: why }) => ({ reported, reason: why })),
        { timeout: SYNC_TIMEOUT },
      )
      .toEqual([{ reported: bob.email, reason }]);
  });

  await test.step('unblock: new messages get through again, the blocked ones never', async () => {
    await laptop.getByRole('button', { name: 'Conversation actions' }).click();
    await laptop.getByRole('menuitem', { name: 'Unblock' }).click();
    await expect(blockedTag(laptop)).toHaveCount(0);
    await expect(laptop.getByRole('textbox', { name: 'Message' })).toBeVisible();
    await expectSynced(laptop);
    await expect(blockedTag(phone)).toHaveCount(0, { timeout: SYNC_TIMEOUT });
    await send(bobPage, 'after the unblock');
    await expect(bubble(laptop, 'after the unblock')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await expect(bubble(phone, 'after the unblock')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await send(laptop, 'welcome back');
    await expect(bubble(bobPage, 'welcome back')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    for (const page of [laptop, phone]) {
      for (const text of blocked) await expect(page.getByText(text)).toHaveCount(0);
    }
    const pulled = await pulledBodies(stack, alice);
    expect(pulled).toContain('after the unblock');
    for (const text of blocked) expect(pulled).not.toContain(text);
  });

  await endState(laptop, testInfo, 'alice-laptop');
  await endState(phone, testInfo, 'alice-phone');
  await endState(bobPage, testInfo, 'bob');
});

test('a stranger’s message request can be blocked', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const [alice, mallory] = await Promise.all([user('alice'), user('mallory')]);
  const alicePage = await (await newContext()).newPage();
  const malloryPage = await (await newContext()).newPage();
  await Promise.all([signIn(alicePage, alice), signIn(malloryPage, mallory)]);
  await addContact(malloryPage, 'Alice', alice.email);
  await send(malloryPage, 'buy cheap followers');
  const request = requestList(alicePage).getByRole('listitem').filter({ hasText: mallory.email });
  await expect(request).toContainText('buy cheap followers', { timeout: SYNC_TIMEOUT });

  await request.getByRole('button', { name: 'Block' }).click();
  const dialog = alicePage.getByRole('dialog', { name: 'Block' });
  await expect(dialog).toContainText(`Block ${mallory.email}?`);
  await dialog.getByRole('button', { name: 'Block' }).click();
  await expect(dialog).toBeHidden();
  await expect(requestList(alicePage)).toBeHidden();
  await expect(contactLink(alicePage, mallory.email)).toContainText('Blocked');
  await expectSynced(alicePage);

  await send(malloryPage, 'are you there?');
  await expectSent(malloryPage, 'are you there?');
  await expectSyncedSince(alicePage, alice.email, Date.now());
  await expect(alicePage.getByText('are you there?')).toHaveCount(0);
  await expect(requestList(alicePage)).toBeHidden();
  expect(await pulledBodies(stack, alice)).not.toContain('are you there?');
  await endState(alicePage, testInfo);
});
