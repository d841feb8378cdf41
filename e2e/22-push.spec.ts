/**
 * Journey 22 — Web Push with the app closed. Alice's browser gets a stand-in subscription
 * whose keys the test owns (headless Chromium cannot subscribe with FCM); the server's
 * notifier encrypts to them with VAPID, the local push service verifies and decrypts, and the
 * test hands the payload to alice's real service worker over CDP, which pulls through the
 * sync path and shows the notification.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { v7 } from '../sync-api/test/harness.ts';
import {
  addContact,
  expectSent,
  expectSynced,
  openChat,
  send,
  signIn,
  userDbName,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import {
  clickNotification,
  deliverPush,
  expectPushes,
  newSubscription,
  PUSH_WAIT,
  receivedPushes,
  recordedBadges,
  recordedCalls,
  recordNotifications,
  shownNotifications,
  stubPushManager,
  type TestSubscription,
} from './support/push.ts';
import { expectLanding, signOutFromMenu } from './support/session.ts';
import type { StackInfo, TestUser } from './support/stack.ts';

async function friends(
  stack: StackInfo,
  user: (name: string) => Promise<TestUser>,
  newContext: () => Promise<BrowserContext>,
  subscriptions: TestSubscription[],
) {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const aliceContext = await newContext();
  await aliceContext.grantPermissions(['notifications'], { origin: stack.appURL });
  await stubPushManager(aliceContext, subscriptions);
  const bobContext = await newContext();
  const alicePage = await aliceContext.newPage();
  const bobPage = await bobContext.newPage();
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);
  await addContact(alicePage, 'Bob', bob.email);
  await addContact(bobPage, 'Alice', alice.email);
  await Promise.all([openChat(alicePage, 'Bob'), openChat(bobPage, 'Alice')]);
  return { alice, bob, aliceContext, alicePage, bobPage };
}

/** Account menu → Notifications → the dialog's button (turn on or off), then Close. */
async function toggleFromMenu(
  page: Page,
  label: 'Turn on notifications' | 'Turn off notifications',
) {
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Notifications' }).click();
  const dialog = page.getByRole('dialog', { name: 'Notifications' });
  await dialog.getByRole('button', { name: label }).click();
  await expect(dialog.getByRole('status')).toHaveText(
    label.startsWith('Turn on') ? /^On:/ : /^Off:/,
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
}

/** bob sends `text`; the push service's copy of alice's push is delivered to her worker. */
async function pushed(
  stack: StackInfo,
  p: Awaited<ReturnType<typeof friends>>,
  subscription: TestSubscription,
  text: string,
) {
  const since = Date.now();
  await send(p.bobPage, text);
  await expectSent(p.bobPage, text);
  const [push] = await expectPushes(stack, subscription.endpoint, since);
  await deliverPush(p.aliceContext, stack.appURL, push?.payload ?? '');
  return push;
}

/** Another device of alice, subscribed directly through the API: pushes reach it meanwhile. */
async function markerDevice(stack: StackInfo, alice: TestUser) {
  const marker = await newSubscription(stack);
  await apiSync(stack, alice, [
    {
      id: v7(Date.now()),
      type: 'push.subscribe',
      endpoint: marker.endpoint,
      keys: { p256dh: marker.keys.p256dh, auth: marker.keys.auth },
    },
  ]);
  return marker;
}

async function apiSync(stack: StackInfo, who: TestUser, mutations: unknown[]) {
  const res = await fetch(`${stack.apiURL}/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${who.tokens.idToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, clientId: v7(Date.now()), cursor: null, mutations }),
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { results: { status: string }[] };
  expect(body.results.map((r) => r.status)).toEqual(mutations.map(() => 'applied'));
}

test("with alice's app closed, bob's message is pushed, pulled and shown; a click opens it; previews off hide the text", async ({
  stack,
  user,
  newContext,
}) => {
  const subscription = await newSubscription(stack);
  const p = await friends(stack, user, newContext, [subscription]);
  // The offer comes after alice's first message, never on load.
  await expect(p.alicePage.getByRole('region', { name: 'Notifications' })).toHaveCount(0);
  await send(p.alicePage, 'Hi Bob');
  const offer = p.alicePage.getByRole('region', { name: 'Notifications' });
  await offer.getByRole('button', { name: 'Turn on notifications' }).click();
  await expect(offer).toHaveCount(0);
  await expectSynced(p.alicePage);
  await recordNotifications(p.aliceContext, userDbName(p.alice.email));
  await p.alicePage.close(); // the app is closed; the worker is what is left

  const push = await pushed(stack, p, subscription, 'Dinner at 8?');
  expect(push?.payload).not.toContain('Dinner');
  await expect
    .poll(() => shownNotifications(p.aliceContext), { timeout: PUSH_WAIT })
    .toEqual([
      {
        title: 'Bob',
        body: 'Dinner at 8?',
        tag: p.bob.email,
        data: expect.objectContaining({ url: `/chat/${encodeURIComponent(p.bob.email)}` }),
      },
    ]);
  // The worker pulled first: the text was in IndexedDB when the notification was shown.
  const [call] = await recordedCalls(p.aliceContext);
  expect(call?.stored).toContain('Dinner at 8?');
  // The worker set the app badge to the unread count: bob's one message.
  expect((await recordedBadges(p.aliceContext)).at(-1)).toBe(1);

  // A click takes the open app window to the conversation.
  const page = await p.aliceContext.newPage();
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
  await clickNotification(p.aliceContext, p.bob.email);
  await expect(page).toHaveURL(new RegExp(`/chat/${encodeURIComponent(p.bob.email)}$`));
  await expect(page.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();

  // Previews off: the next notification says that something came, not what.
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Notifications' }).click();
  const dialog = page.getByRole('dialog', { name: 'Notifications' });
  await dialog.getByRole('checkbox', { name: 'Show message previews' }).uncheck();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await page.close();
  await pushed(stack, p, subscription, 'The secret plan');
  await expect
    .poll(async () => (await shownNotifications(p.aliceContext)).map((n) => [n.title, n.body]), {
      timeout: PUSH_WAIT,
    })
    .toEqual([['Bob', 'New message']]);
});

test('a blocked sender produces nothing; turning notifications off and signing out stop pushes', async ({
  stack,
  user,
  newContext,
}) => {
  const [first, second] = [await newSubscription(stack), await newSubscription(stack)];
  const p = await friends(stack, user, newContext, [first, second]);
  await toggleFromMenu(p.alicePage, 'Turn on notifications');
  await expectSynced(p.alicePage);
  const marker = await markerDevice(stack, p.alice);
  const onlyMarkerHeard = async (endpoint: string, since: number) => {
    await expectPushes(stack, marker.endpoint, since);
    expect(await receivedPushes(stack, endpoint, since)).toEqual([]);
  };

  // Blocked: nothing is pushed for bob's message; after the unblock, the next one is.
  const block = { id: v7(Date.now()), type: 'contact.block', email: p.bob.email };
  await apiSync(stack, p.alice, [block]);
  let since = Date.now();
  await send(p.bobPage, 'While blocked');
  await expectSent(p.bobPage, 'While blocked');
  await apiSync(stack, p.alice, [
    { id: v7(Date.now()), type: 'contact.unblock', email: p.bob.email },
  ]);
  await send(p.bobPage, 'After the unblock');
  await expectSent(p.bobPage, 'After the unblock');
  expect(await expectPushes(stack, first.endpoint, since)).toHaveLength(1);
  expect(await expectPushes(stack, marker.endpoint, since)).toHaveLength(1);

  // Turned off on this device: the marker device still hears, this one does not.
  await toggleFromMenu(p.alicePage, 'Turn off notifications');
  await expectSynced(p.alicePage);
  since = Date.now();
  await send(p.bobPage, 'After turning off');
  await onlyMarkerHeard(first.endpoint, since);

  // On again (a new subscription), then sign-out: its unsubscribe goes out before the wipe.
  await toggleFromMenu(p.alicePage, 'Turn on notifications');
  await expectSynced(p.alicePage);
  since = Date.now();
  await send(p.bobPage, 'Before sign-out');
  await expectPushes(stack, second.endpoint, since);
  await signOutFromMenu(p.alicePage);
  await expectLanding(p.alicePage);
  since = Date.now();
  await send(p.bobPage, 'After sign-out');
  await onlyMarkerHeard(second.endpoint, since);
});
