/**
 * Journey 4 — offline: once the service worker controls the page, an offline reload renders
 * the shell and the history from the device alone; messages written offline wait in the
 * outbox, and Background Sync delivers them when the network is back, with no tab open —
 * each exactly once, in order.
 */
import type { Request } from '@playwright/test';
import {
  addContact,
  bubble,
  endState,
  expectSent,
  openChat,
  SYNC_TIMEOUT,
  send,
  shownBodies,
  signIn,
  waitForServiceWorker,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { storedMessages } from './support/server.ts';

interface Seen {
  request: Request;
  fromServiceWorker?: boolean;
  failure?: string;
}

test('offline reload from the device, Background Sync delivers exactly once in order', async ({
  newContext,
  stack,
  user,
}, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const aliceContext = await newContext();
  const bobPage = await (await newContext()).newPage();
  let page = await aliceContext.newPage();
  await Promise.all([signIn(page, alice), signIn(bobPage, bob)]);
  await waitForServiceWorker(page);
  await addContact(page, 'Bob', bob.email);
  await send(page, 'written while online');
  await expectSent(page, 'written while online');
  await addContact(bobPage, 'Alice', alice.email);
  await expect(bubble(bobPage, 'written while online')).toHaveCount(1, { timeout: SYNC_TIMEOUT });

  const offlineTexts = ['offline one', 'offline two', 'offline three'];

  await test.step('offline reload: shell and history with no network request', async () => {
    const seen: Seen[] = [];
    const record = (request: Request) => seen.push({ request });
    const find = (request: Request) => seen.find((s) => s.request === request);
    aliceContext.on('request', record);
    aliceContext.on('response', (response) => {
      const entry = find(response.request());
      if (entry) entry.fromServiceWorker = response.fromServiceWorker();
    });
    aliceContext.on('requestfailed', (request) => {
      const entry = find(request);
      if (entry) entry.failure = request.failure()?.errorText ?? 'failed';
    });

    await aliceContext.setOffline(true);
    // A poll the old document started while online may still be in flight; the reload aborts
    // it (net::ERR_ABORTED). It is not the reload's, so only requests after this point count.
    // Once the page shows Offline its sync engine starts no request.
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    const oldDocument = new Set(seen.map((s) => s.request));
    await page.reload();
    await expect(page.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();
    await expect(bubble(page, 'written while online')).toHaveCount(1);
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
    aliceContext.off('request', record);
    // Every request seen has been answered or has failed.
    await expect
      .poll(() => seen.filter((s) => s.fromServiceWorker === undefined && !s.failure).length)
      .toBe(0);

    const label = (s: Seen) =>
      `${s.request.method()} ${s.request.url()} (${s.request.serviceWorker() ? 'service worker' : 'page'}, ${s.failure ?? (s.fromServiceWorker ? 'from SW' : 'network')})`;
    // Everything the page asked for was answered by the service worker (precache, cache).
    const fromReload = seen.filter((s) => !oldDocument.has(s.request));
    const fromPage = fromReload.filter((s) => !s.request.serviceWorker());
    expect(fromPage.length).toBeGreaterThan(0);
    expect(fromPage.filter((s) => s.fromServiceWorker !== true).map(label)).toEqual([]);
    // The worker itself only probes /config.json (refreshing its cached copy in the background) and that probe
    // never leaves the browser while offline: nothing reached the network.
    const fromWorker = fromReload.filter((s) => s.request.serviceWorker());
    for (const s of fromWorker) {
      expect(new URL(s.request.url()).pathname, label(s)).toBe('/config.json');
      expect(s.failure, label(s)).toBe('net::ERR_INTERNET_DISCONNECTED');
    }
  });

  await test.step('three messages written offline wait in the outbox', async () => {
    for (const text of offlineTexts) await send(page, text);
    for (const text of offlineTexts) {
      await expect(bubble(page, text).getByText('Sending…')).toBeVisible();
    }
    await expect(page.getByText('3 waiting to send')).toBeVisible();
  });

  const syncPosts: Request[] = [];
  await test.step('back online with the tab closed: Background Sync delivers', async () => {
    // With no page left, only the service worker can send them.
    await page.close();
    aliceContext.on('request', (request) => {
      if (request.method() === 'POST' && request.url() === `${stack.apiURL}/sync`) {
        syncPosts.push(request);
      }
    });
    await aliceContext.setOffline(false);
    for (const text of offlineTexts) {
      await expect(bubble(bobPage, text)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    }
  });

  await test.step('bob has each exactly once, in order; so does the server', async () => {
    const shown = await shownBodies(bobPage);
    expect(shown).toEqual(['written while online', ...offlineTexts]);
    const carried = syncPosts.filter((r) => offlineTexts.some((t) => r.postData()?.includes(t)));
    expect(carried.length).toBeGreaterThan(0);
    for (const request of carried) expect(request.serviceWorker()).not.toBeNull();
    const stored = await storedMessages(stack, alice.email, bob.email);
    expect(stored.map((m) => m.body).sort()).toEqual(
      ['written while online', ...offlineTexts].sort(),
    );
  });

  await test.step('alice’s next visit shows them sent', async () => {
    page = await aliceContext.newPage();
    await page.goto('/');
    await openChat(page, 'Bob');
    for (const text of offlineTexts) await expectSent(page, text);
    expect(await shownBodies(page)).toEqual(['written while online', ...offlineTexts]);
    await expect(page.getByText(/waiting to send/)).toHaveCount(0);
  });

  await endState(bobPage, testInfo, 'bob');
  await endState(page, testInfo, 'alice');
});
