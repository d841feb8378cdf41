/** What a person does in the app, through accessible names only (plus a few data reads). */
import {
  type BrowserContext,
  expect,
  type Locator,
  type Page,
  type TestInfo,
} from '@playwright/test';

/** Long enough for the 5 s poll plus a retry with backoff, on 2 busy cores. */
export const SYNC_TIMEOUT = 30_000;

export interface Credentials {
  email: string;
  password: string;
}

/**
 * Landing → "Sign in" → the dev provider's page → back in the app, signed in. `appURL` for a
 * stack of the test's own (default: the suite's, through baseURL).
 */
export async function signIn(page: Page, user: Credentials, appURL = ''): Promise<void> {
  await page.goto(`${appURL}/`);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to ChatScape' })).toBeVisible();
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
}

/**
 * Resolves once a service worker controls the page (not merely `ready`). Installing means
 * precaching the whole build, which on a loaded 2-core machine can take longer than the
 * default wait: give it SYNC_TIMEOUT. The worker claims open pages when it activates, but a
 * page whose navigation was under way at that moment may be left uncontrolled (once in CI a
 * page stayed uncontrolled for 30 s; the cause was not captured); a reload is then what a
 * user's next visit does. A worker that
 * never activates still fails here, with the registration's state in the message.
 */
export async function waitForServiceWorker(page: Page): Promise<void> {
  const controlled = () =>
    page
      .waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, {
        timeout: SYNC_TIMEOUT,
      })
      .then(() => true);
  const active = await page
    .waitForFunction(
      async () => (await navigator.serviceWorker.getRegistration())?.active?.state === 'activated',
      undefined,
      { timeout: SYNC_TIMEOUT },
    )
    .then(() => true)
    .catch(() => false);
  if (!active) {
    const state = await page.evaluate(async () => {
      const r = await navigator.serviceWorker.getRegistration();
      return JSON.stringify({
        installing: r?.installing?.state,
        waiting: r?.waiting?.state,
        active: r?.active?.state,
      });
    });
    throw new Error(`the service worker never activated: ${state}`);
  }
  const claimed = await page
    .waitForFunction(() => navigator.serviceWorker?.controller != null, undefined, {
      timeout: 5_000,
    })
    .then(() => true)
    .catch(() => false);
  if (claimed) return;
  await page.reload();
  await controlled();
}

export async function addContact(page: Page, name: string, email: string): Promise<void> {
  await page.getByRole('button', { name: 'Add contact' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add contact' });
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
  await dialog.getByRole('textbox', { name: 'Email' }).fill(email);
  await dialog.getByRole('button', { name: 'Add' }).click();
  await expect(dialog).toBeHidden();
}

export const contactList = (page: Page) => page.getByRole('list', { name: 'Contacts' });
export const requestList = (page: Page) => page.getByRole('list', { name: 'Message requests' });

/** A contact (or request) in the sidebar, by the name or email it shows. */
export const contactLink = (page: Page, text: string, list: Locator = contactList(page)) =>
  list.getByRole('listitem').filter({ hasText: text }).getByRole('link');

export async function openChat(page: Page, text: string): Promise<void> {
  await contactLink(page, text).click();
  await expect(page.getByRole('heading', { level: 2, name: text })).toBeVisible();
}

export const messageLog = (page: Page) => page.getByRole('log');

/** One message in the open conversation, by its exact text. */
export const bubble = (page: Page, text: string) =>
  messageLog(page)
    .locator('[data-message-id]')
    .filter({ has: page.getByText(text, { exact: true }) });

/** Types into the composer and presses Enter; the message shows at once (from IndexedDB). */
export async function send(page: Page, text: string): Promise<void> {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  await expect(bubble(page, text)).toHaveCount(1);
  await expect(box).toHaveValue('');
}

/**
 * Waits until the server has taken the message: its bubble says "Sent", or already
 * "Delivered" / "Read" (receipts: the recipient's device may be quicker than this check).
 */
export async function expectSent(page: Page, text: string): Promise<void> {
  await expect(bubble(page, text).getByText(/^(Sent|Delivered|Read)$/)).toBeVisible({
    timeout: SYNC_TIMEOUT,
  });
}

/** Waits until the outbox is empty and the last sync succeeded. */
export async function expectSynced(page: Page): Promise<void> {
  await expect(page.getByText(/waiting to send/)).toHaveCount(0, { timeout: SYNC_TIMEOUT });
  await expect(page.getByText(/^Synced /)).toBeVisible({ timeout: SYNC_TIMEOUT });
}

/** The bodies shown in the open conversation, top to bottom. */
export async function shownBodies(page: Page): Promise<string[]> {
  return messageLog(page).locator('.bubble__body').allInnerTexts();
}

/** Every row of one object store of an existing IndexedDB database (never creates one). */
export async function readStore<T>(page: Page, dbName: string, store: string): Promise<T[]> {
  return page.evaluate(
    async ([name, storeName]) => {
      const known = await indexedDB.databases();
      if (!known.some((d) => d.name === name)) return [];
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        if (!db.objectStoreNames.contains(storeName)) return [];
        const request = db.transaction(storeName).objectStore(storeName).getAll();
        return await new Promise<unknown[]>((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    },
    [dbName, store] as const,
  ) as Promise<T[]>;
}

export const userDbName = (email: string) => `chatscape-user-${email.toLowerCase()}`;

/** When this device last finished a sync, from its meta table (0 if never). */
export async function lastSyncAt(page: Page, email: string): Promise<number> {
  const rows = await readStore<{ key: string; value: { lastSyncAt?: number | null } }>(
    page,
    userDbName(email),
    'meta',
  );
  return rows.find((row) => row.key === 'status')?.value.lastSyncAt ?? 0;
}

/**
 * Waits until this device has completed a whole sync that started after `time`. Every run
 * (tabs and service worker alike) holds the user's Web Lock, so runs never overlap: of two
 * runs that ended after `time`, the second began after the first ended. Focus kicks a run
 * instead of waiting for the 5 s poll.
 */
export async function expectSyncedSince(page: Page, email: string, time: number): Promise<void> {
  const ends = new Set<number>();
  await expect
    .poll(
      async () => {
        await page.evaluate(() => window.dispatchEvent(new Event('focus')));
        const end = await lastSyncAt(page, email);
        if (end > time) ends.add(end);
        return ends.size;
      },
      { timeout: SYNC_TIMEOUT, intervals: [250, 500, 1000] },
    )
    .toBeGreaterThanOrEqual(2);
}

/** The journey's end state, kept under test-results/ with the test's other output. */
export async function endState(page: Page, testInfo: TestInfo, name = 'end-state') {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

/**
 * Alice on one device and bob on two (a phone and a laptop), each signed in; alice and bob's
 * phone have added each other and synced.
 */
export async function aliceAndBobsTwoDevices(
  user: (name: string) => Promise<Credentials>,
  newContext: () => Promise<BrowserContext>,
) {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const alicePage = await (await newContext()).newPage();
  const phone = await (await newContext()).newPage();
  const laptop = await (await newContext()).newPage();
  await Promise.all([signIn(alicePage, alice), signIn(phone, bob), signIn(laptop, bob)]);
  await addContact(alicePage, 'Bob', bob.email);
  await addContact(phone, 'Alice', alice.email);
  await Promise.all([expectSynced(alicePage), expectSynced(phone)]);
  return { alice, bob, alicePage, phone, laptop };
}
