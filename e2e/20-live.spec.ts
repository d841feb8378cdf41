/**
 * Journey 15 — live delivery over the WebSocket (API Gateway stand-in): while the socket is
 * live the page does not poll at all (the fallback poll is 45 s, far past every wait below),
 * so what shows up on the other screen came through a poke. Killing the socket, an expired
 * token, going offline and a second tab all end live again, with nothing missed.
 */
import type { BrowserContext, Page } from '@playwright/test';
import {
  addContact,
  bubble,
  contactLink,
  endState,
  expectSent,
  openChat,
  send,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import {
  expectLive,
  expectNotLive,
  killSockets,
  liveConnections,
  refuseSockets,
} from './support/live.ts';
import type { TestUser } from './support/stack.ts';

const LIVE_WAIT = 10_000;

async function friends(
  user: (name: string) => Promise<TestUser>,
  newContext: () => Promise<BrowserContext>,
) {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const aliceContext = await newContext();
  const bobContext = await newContext();
  const alicePage = await aliceContext.newPage();
  const bobPage = await bobContext.newPage();
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);
  await addContact(alicePage, 'Bob', bob.email);
  await addContact(bobPage, 'Alice', alice.email);
  await Promise.all([openChat(alicePage, 'Bob'), openChat(bobPage, 'Alice')]);
  await Promise.all([expectLive(alicePage), expectLive(bobPage)]);
  return { alice, bob, aliceContext, bobContext, alicePage, bobPage };
}

const arrives = (page: Page, text: string) =>
  expect(bubble(page, text)).toHaveCount(1, { timeout: LIVE_WAIT });

test('a message and "typing…" appear on the other screen through the socket', async ({
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  const box = p.alicePage.getByRole('textbox', { name: 'Message' });
  await box.pressSequentially('On my w');
  await expect(p.bobPage.getByText('typing…')).toBeVisible({ timeout: LIVE_WAIT });
  await box.fill('');
  await send(p.alicePage, 'On my way, live');
  await arrives(p.bobPage, 'On my way, live');
  // No refresh: "typing…" clears by itself a few seconds after the last keystroke.
  await expect(p.bobPage.getByText('typing…')).toHaveCount(0, { timeout: LIVE_WAIT });
  await send(p.bobPage, 'Great, see you');
  await arrives(p.alicePage, 'Great, see you');
  await endState(p.bobPage, testInfo, 'bob');
});

test('a socket killed server-side reconnects and catches up with what was sent meanwhile', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  const before = await liveConnections(stack, p.bob.email);
  await refuseSockets(stack, p.bob.email, true);
  try {
    await killSockets(stack, p.bob.email);
    await expectNotLive(p.bobPage);
    await send(p.alicePage, 'sent while bob was cut off');
    await expectSent(p.alicePage, 'sent while bob was cut off');
  } finally {
    await refuseSockets(stack, p.bob.email, false);
  }
  await expectLive(p.bobPage);
  await arrives(p.bobPage, 'sent while bob was cut off');
  const after = await liveConnections(stack, p.bob.email);
  expect(after.map((c) => c.connectionId)).not.toEqual(before.map((c) => c.connectionId));
  await send(p.alicePage, 'and live again');
  await arrives(p.bobPage, 'and live again');
  await endState(p.bobPage, testInfo, 'bob');
});

/** The page's stored ID token (meta table), optionally marked expired. */
async function storedToken(page: Page, email: string, expire = false): Promise<string> {
  return page.evaluate(
    async ([name, expireIt]) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        const store = db.transaction('meta', 'readwrite').objectStore('meta');
        const row = await new Promise<{
          key: string;
          value: { idToken: string; expiresAt: number };
        }>((resolve, reject) => {
          const get = store.get('token');
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        });
        if (expireIt) store.put({ ...row, value: { ...row.value, expiresAt: Date.now() - 1000 } });
        return row.value.idToken;
      } finally {
        db.close();
      }
    },
    [`chatscape-user-${email.toLowerCase()}`, expire] as const,
  );
}

test('an expired token on reconnect is renewed, and the socket comes back', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  const old = await storedToken(p.bobPage, p.bob.email, true);
  await killSockets(stack, p.bob.email);
  await send(p.alicePage, 'after the renewal');
  await expectLive(p.bobPage);
  await arrives(p.bobPage, 'after the renewal');
  await expect.poll(() => storedToken(p.bobPage, p.bob.email)).not.toBe(old);
  await expect(p.bobPage.getByRole('button', { name: 'Sign in again' })).toHaveCount(0);
  await endState(p.bobPage, testInfo, 'bob');
});

test('offline then online: the socket comes back and catches up', async ({
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  await p.bobContext.setOffline(true);
  await expect(p.bobPage.getByText('Offline', { exact: true })).toBeVisible();
  await send(p.alicePage, 'while bob was offline');
  await expectSent(p.alicePage, 'while bob was offline');
  await p.bobContext.setOffline(false);
  await arrives(p.bobPage, 'while bob was offline');
  await expectLive(p.bobPage);
  await send(p.alicePage, 'back online, live');
  await arrives(p.bobPage, 'back online, live');
  await endState(p.bobPage, testInfo, 'bob');
});

test('a second tab of the same user stays live too, and its title counts what arrives', async ({
  stack,
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  // Both tabs on the chat list, so what arrives stays unread and the titles count it.
  while (new URL(p.bobPage.url()).pathname !== '/') {
    await p.bobPage.goBack();
  }
  await expect(p.bobPage.getByText('Select a chat, or add a contact to start one.')).toBeVisible();
  const second = await p.bobContext.newPage();
  await second.goto('/');
  await expectLive(second);
  await expect.poll(async () => (await liveConnections(stack, p.bob.email)).length).toBe(2);
  await send(p.alicePage, 'to both of bob’s tabs');
  for (const tab of [p.bobPage, second]) {
    await expect(contactLink(tab, 'Alice')).toContainText('to both of bob’s tabs', {
      timeout: LIVE_WAIT,
    });
  }
  await expect(second).toHaveTitle('(1) ChatScape');
  await expect(p.bobPage).toHaveTitle('(1) ChatScape');
  await expectLive(p.bobPage);
  await expectLive(second);
  await endState(second, testInfo, 'bob-second-tab');
});

test('a hidden tab stays live: its title counts messages as they arrive', async ({
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  while (new URL(p.bobPage.url()).pathname !== '/') await p.bobPage.goBack();
  await expect(p.bobPage).toHaveTitle('ChatScape');
  // The page as the browser reports a background tab: the sync loop never polls while hidden,
  // so whatever arrives now came through the socket.
  await p.bobPage.evaluate(() => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
    document.dispatchEvent(new Event('visibilitychange'));
  });
  await send(p.alicePage, 'while bob looks elsewhere');
  await expect(p.bobPage).toHaveTitle('(1) ChatScape', { timeout: LIVE_WAIT });
  await send(p.alicePage, 'and another');
  await expect(p.bobPage).toHaveTitle('(2) ChatScape', { timeout: LIVE_WAIT });
  await expectLive(p.bobPage);
  await endState(p.bobPage, testInfo, 'bob-hidden');
});
