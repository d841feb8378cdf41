/**
 * Journey 10 — sign-out reaches every tab of the user. Alice has two tabs open; one of them
 * has an item waiting to send. She signs out in the other: both tabs are back on the landing
 * page, neither shows her history, and nothing either tab or the service worker does can
 * bring her database back until she signs in again.
 */
import {
  addContact,
  contactList,
  endState,
  expectSent,
  expectSynced,
  openChat,
  send,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import {
  expectLanding,
  hasUserDb,
  nudge,
  registeredAccounts,
  signOutFromMenu,
} from './support/session.ts';

test('signing out in one tab signs out every tab of the user', async ({
  stack,
  user,
  context,
  page,
}, testInfo) => {
  const alice = await user('alice');
  const history = `alice’s history ${Date.now()}`;
  const second = await context.newPage();

  await test.step('two tabs of alice, with history and one item waiting to send', async () => {
    await signIn(page, alice);
    await addContact(page, 'Bob', 'bob-history@example.com');
    await openChat(page, 'Bob');
    await send(page, history);
    await expectSent(page, history);
    await expectSynced(page);
    await second.goto('/');
    await expect(contactList(second).getByText('Bob')).toBeVisible();
    // The API is unreachable for now (tabs and worker alike), so what she adds waits.
    await context.route(`${stack.apiURL}/sync`, (route) => route.abort('failed'));
    await addContact(second, 'Carol', 'carol-unsent@example.com');
    await expect(second.getByText('1 waiting to send')).toBeVisible();
  });

  await test.step('sign out in the first tab', async () => {
    await signOutFromMenu(page, true);
    await expectLanding(page);
  });

  await test.step('the second tab is signed out too, showing nothing of hers', async () => {
    await expectLanding(second);
    await expect(second.getByText(history)).toHaveCount(0);
    await expect(second.getByText('Bob')).toHaveCount(0);
    await expect(second.getByText(/waiting to send/)).toHaveCount(0);
  });

  await test.step('nothing recreates her database', async () => {
    await context.unroute(`${stack.apiURL}/sync`);
    await nudge(second);
    await nudge(page);
    await second.goto('/chat/bob-history@example.com');
    await expectLanding(second);
    expect(await hasUserDb(page, alice.email)).toBe(false);
    expect(await hasUserDb(second, alice.email)).toBe(false);
    expect(await registeredAccounts(page)).toEqual([]);
  });

  await test.step('signing in again brings the history back from the server', async () => {
    await signIn(page, alice);
    await expect(contactList(page).getByText('Bob')).toBeVisible();
    await openChat(page, 'Bob');
    await expect(page.getByText(history, { exact: true })).toBeVisible();
    // Carol was never sent: she was deleted with the rest of this device's data.
    await expect(contactList(page).getByText('Carol')).toHaveCount(0);
  });

  await endState(page, testInfo, 'tab-1');
  await endState(second, testInfo, 'tab-2');
});
