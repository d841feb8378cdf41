/**
 * Journey 1 — sign in through the OpenID provider, sign out, and a second person on the same
 * browser: sign-out deletes the first user's database and runtime caches, so nothing of theirs
 * can show up for the next one.
 */
import type { Page } from '@playwright/test';
import {
  addContact,
  contactList,
  endState,
  expectSent,
  expectSynced,
  readStore,
  send,
  signIn,
  userDbName,
  waitForServiceWorker,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const databases = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));
const cacheNames = (page: Page) => page.evaluate(() => caches.keys());
const oidcKeys = (page: Page) =>
  page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('oidc.')));

test('sign in, sign out deletes local data, a second user sees nothing of the first', async ({
  page,
  user,
}, testInfo) => {
  const alice = await user('alice');
  const bob = await user('bob');
  const secret = `a secret only alice has ${Date.now()}`;

  await test.step('landing → Sign in → dev provider → back, signed in', async () => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'ChatScape' })).toBeVisible();
    await signIn(page, alice);
    await expect(page).toHaveURL(/\/$/);
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'About' }).click();
    const about = page.getByRole('dialog', { name: 'About' });
    await expect(about.getByText(alice.email, { exact: true })).toBeVisible();
    // The dialog has two "Close" buttons (the × in the header and the one at the bottom).
    await about.getByRole('button', { name: 'Close', exact: true }).last().click();
    await expect(about).toBeHidden();
  });

  await test.step('alice has data on this device and on the server', async () => {
    await addContact(page, 'Carol Secret', 'carol-secret@example.com');
    await send(page, secret);
    await expectSent(page, secret);
    await expectSynced(page);
    expect(await databases(page)).toContain(userDbName(alice.email));
    expect(await oidcKeys(page)).not.toEqual([]);
    // A runtime cache like the ones the app may create; sign-out must clear it.
    await page.evaluate(async () => {
      const cache = await caches.open('chatscape-runtime-e2e');
      await cache.put('/e2e-user-data', new Response('alice'));
    });
  });

  await test.step('Sign out deletes her database, caches and session', async () => {
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    // Nothing was unsent, so there is no warning: straight back to the landing page.
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
    await expect.poll(() => databases(page)).not.toContain(userDbName(alice.email));
    expect((await databases(page)).filter((n) => n.startsWith('chatscape-user-'))).toEqual([]);
    expect(await readStore(page, 'chatscape-accounts', 'accounts')).toEqual([]);
    // Only the shell (precache) and the runtime config stay: neither holds user data.
    const left = await cacheNames(page);
    expect(
      left.filter((n) => !n.startsWith('workbox-precache') && n !== 'chatscape-config'),
    ).toEqual([]);
    expect(
      await oidcKeys(page).then((keys) => keys.filter((k) => k.startsWith('oidc.user:'))),
    ).toEqual([]);
  });

  await test.step('bob, in the same browser, sees none of alice’s data', async () => {
    // signIn also proves the provider session ended: its sign-in page is shown again.
    await signIn(page, bob);
    await expect(
      page.getByText('No contacts yet. Add someone by email to start chatting.'),
    ).toBeVisible({
      timeout: 20_000,
    });
    await expect(contactList(page).getByRole('listitem')).toHaveCount(0);
    await page.getByRole('searchbox', { name: 'Search chats' }).fill('carol');
    await expect(page.getByText('No contact matches your search.')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Search chats' }).fill('');
    await page.goto('/chat/carol-secret@example.com');
    await expect(
      page.getByText('There is no conversation with carol-secret@example.com.'),
    ).toBeVisible();
    await expect(page.getByText(secret)).toHaveCount(0);
    const names = await databases(page);
    expect(names).toContain(userDbName(bob.email));
    expect(names).not.toContain(userDbName(alice.email));
    const accounts = await readStore<{ self: string }>(page, 'chatscape-accounts', 'accounts');
    expect(accounts.map((a) => a.self)).toEqual([bob.email]);
    await page.goto('/');
    await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
  });

  await endState(page, testInfo);
});

test('a redirect path the provider did not register fails the sign-in at the provider', async ({
  page,
  stack,
}, testInfo) => {
  // The provider registered its client from the contract (sync-api/deployment.json); an app
  // whose config.json names another path (the bug of callbacks registered as the bare app URL
  // while the app sends /callback) must fail here, as it would on Cognito. The app sends the
  // path config.json names, never a literal of its own.
  await page.context().route('**/config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...config, redirectPath: '/not-registered' } });
  });
  await page.goto('/');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`^${stack.authority}/`));
  await expect(page.getByText(/redirect_uri did not match/)).toBeVisible();
  await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
  await endState(page, testInfo);
});

/**
 * Records, before every frame from the very start of each load, whether the landing page is
 * on screen: index.html carries it prerendered, and only the start script keeps it hidden
 * from someone who is signed in.
 */
async function watchLanding(page: Page) {
  await page.addInitScript(() => {
    const seen = { frames: 0, landing: 0 };
    (window as { landingSeen?: typeof seen }).landingSeen = seen;
    const frame = () => {
      seen.frames += 1;
      const landing = document.querySelector('.landing');
      if (landing?.checkVisibility()) seen.landing += 1;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}
const landingSeen = (page: Page) =>
  page.evaluate(() => (window as { landingSeen?: object }).landingSeen);

test('signed in, a reload shows the app without a flash of the landing page, also offline', async ({
  page,
  user,
}, testInfo) => {
  const alice = await user('alice');
  await watchLanding(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'ChatScape' })).toBeVisible();
  // The watch itself works: signed out, the landing page is what the frames show.
  expect(((await landingSeen(page)) as { landing: number }).landing).toBeGreaterThan(0);
  await signIn(page, alice);
  await waitForServiceWorker(page);

  for (const offline of [false, true]) {
    await page.context().setOffline(offline);
    await page.reload();
    await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
    const seen = (await landingSeen(page)) as { frames: number; landing: number };
    expect(seen.frames, `frames watched (offline: ${offline})`).toBeGreaterThan(0);
    expect(seen.landing, `frames with the landing page (offline: ${offline})`).toBe(0);
  }
  await page.context().setOffline(false);
  await endState(page, testInfo);
});
