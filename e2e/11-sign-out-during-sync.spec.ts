/**
 * Journey 11 — sign-out while another tab is in the middle of a sync. Its answer arrives after
 * the database was deleted; it must not bring the database back (with one page, the new
 * cursor and "initial sync done"), or the next sign-in would start from that cursor: older
 * history missing, old contacts back as nameless requests. Signing in again pulls everything.
 */
import type { Route } from '@playwright/test';
import {
  addContact,
  contactList,
  endState,
  expectSent,
  expectSynced,
  openChat,
  requestList,
  SYNC_TIMEOUT,
  send,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { expectLanding, hasUserDb, nudge, signOutFromMenu } from './support/session.ts';

test('an answer arriving after sign-out recreates nothing; signing in again pulls it all', async ({
  stack,
  user,
  context,
  page,
}, testInfo) => {
  const alice = await user('alice');
  const bob = await user('bob');
  const texts = ['first, long ago', 'second, long ago'];
  const second = await context.newPage();

  await test.step('alice has a named contact and history, in two tabs', async () => {
    await signIn(page, alice);
    await addContact(page, 'Bob Named', bob.email);
    await openChat(page, 'Bob Named');
    for (const text of texts) await send(page, text);
    for (const text of texts) await expectSent(page, text);
    await expectSynced(page);
    await second.goto('/');
    await expect(contactList(second).getByText('Bob Named')).toBeVisible();
  });

  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await test.step('the second tab’s sync is under way: its answer is held back', async () => {
    let seen = () => {};
    const held = new Promise<void>((resolve) => {
      seen = resolve;
    });
    await context.route(`${stack.apiURL}/sync`, async (route: Route) => {
      let fromSecond = false;
      try {
        fromSecond = route.request().frame().page() === second;
      } catch {
        // the service worker's request: no frame
      }
      if (!fromSecond || route.request().method() !== 'POST') return route.continue();
      const answer = await route.fetch(); // the server answers...
      seen();
      await released; // ...and the answer is on its way while alice signs out
      await route.fulfill({ response: answer }).catch(() => undefined);
    });
    await nudge(second);
    await held;
  });

  await test.step('alice signs out in the first tab; then the held answer arrives', async () => {
    await signOutFromMenu(page);
    // Sign-out waits a while for the run holding the sync lock, then deletes anyway.
    await expectLanding(page, SYNC_TIMEOUT);
    release();
    await expectLanding(second);
    await nudge(second);
    await context.unroute(`${stack.apiURL}/sync`);
    expect(await hasUserDb(page, alice.email)).toBe(false);
  });

  await test.step('signing in again pulls the whole history; Bob keeps his name', async () => {
    await signIn(page, alice);
    await expect(contactList(page).getByText('Bob Named')).toBeVisible();
    await expect(requestList(page)).toHaveCount(0);
    await openChat(page, 'Bob Named');
    for (const text of texts) await expect(page.getByText(text, { exact: true })).toBeVisible();
  });

  await endState(page, testInfo, 'tab-1');
  await endState(second, testInfo, 'tab-2');
});
