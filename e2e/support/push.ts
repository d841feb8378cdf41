/**
 * Web Push in journeys. Headless Chromium cannot complete pushManager.subscribe() (it needs
 * FCM), so the page gets a stand-in subscription whose keys this test made and registered
 * with the local push service; what that service receives (already verified and decrypted)
 * is handed to the real service worker with CDP ServiceWorker.deliverPushMessage.
 */
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect } from '@playwright/test';
import {
  createSubscriptionKeys,
  type ReceivedPush,
  type TestSubscriptionKeys,
} from '../../sync-api/local/push-service.ts';
import type { StackInfo } from './stack.ts';

export const PUSH_WAIT = 20_000;

/** The worker's global, as far as these helpers use it (e2e type-checks with DOM types only). */
interface WorkerScope {
  registration: ServiceWorkerRegistration;
  dispatchEvent(event: Event): boolean;
  NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
  __shown?: { title: string; options: NotificationOptions; stored: string[] }[];
  /** Every app badge the worker set (0 for a clear), in order. */
  __badges?: number[];
}

export interface TestSubscription {
  endpoint: string;
  keys: TestSubscriptionKeys;
}

const pushOrigin = (stack: StackInfo) => stack.push.service.origin;

/** A subscription the local push service accepts for this deployment's VAPID key. */
export async function newSubscription(stack: StackInfo): Promise<TestSubscription> {
  const keys = createSubscriptionKeys();
  const res = await fetch(`${pushOrigin(stack)}/test/subscriptions`, {
    method: 'POST',
    body: JSON.stringify({ keys, applicationServerKey: stack.push.vapidPublicKey }),
  });
  const { endpoint } = (await res.json()) as { endpoint: string };
  return { endpoint, keys };
}

export async function receivedPushes(
  stack: StackInfo,
  endpoint: string,
  since = 0,
): Promise<ReceivedPush[]> {
  const url = new URL(`${pushOrigin(stack)}/test/received`);
  url.searchParams.set('endpoint', endpoint);
  url.searchParams.set('since', String(since));
  return (await fetch(url)).json() as Promise<ReceivedPush[]>;
}

/** Waits for the push service to have received `count` pushes to `endpoint` since `since`. */
export async function expectPushes(stack: StackInfo, endpoint: string, since: number, count = 1) {
  let pushes: ReceivedPush[] = [];
  await expect
    .poll(
      async () => {
        pushes = await receivedPushes(stack, endpoint, since);
        return pushes.length;
      },
      { timeout: PUSH_WAIT },
    )
    .toBeGreaterThanOrEqual(count);
  return pushes;
}

/**
 * Replaces PushManager's subscribe/getSubscription in every page of the context: subscribe()
 * hands out `subscriptions` in turn (a new endpoint after each unsubscribe, as browsers do).
 * The current one lives in localStorage, so it outlives reloads like a real subscription.
 */
export async function stubPushManager(context: BrowserContext, subscriptions: TestSubscription[]) {
  await context.addInitScript((subs) => {
    const KEY = 'e2e-push-subscription';
    const USED = 'e2e-push-used';
    const make = (sub: (typeof subs)[number], serverKey: ArrayBuffer) => ({
      endpoint: sub.endpoint,
      expirationTime: null,
      options: { userVisibleOnly: true, applicationServerKey: serverKey },
      toJSON: () => ({
        endpoint: sub.endpoint,
        keys: { p256dh: sub.keys.p256dh, auth: sub.keys.auth },
      }),
      unsubscribe: async () => {
        localStorage.removeItem(KEY);
        return true;
      },
    });
    const current = (serverKey?: ArrayBuffer) => {
      const raw = localStorage.getItem(KEY);
      if (!raw) return null;
      const { index, key } = JSON.parse(raw) as { index: number; key: number[] };
      const sub = subs[index];
      return sub ? make(sub, serverKey ?? new Uint8Array(key).buffer) : null;
    };
    const proto = PushManager.prototype as unknown as Record<string, unknown>;
    proto.getSubscription = async () => current();
    proto.subscribe = async (options: { applicationServerKey: Uint8Array }) => {
      const index = Number(localStorage.getItem(USED) ?? 0);
      localStorage.setItem(USED, String(index + 1));
      const key = Array.from(new Uint8Array(options.applicationServerKey));
      localStorage.setItem(KEY, JSON.stringify({ index, key }));
      return current();
    };
  }, subscriptions);
}

/** The context's running service worker (started by the push if it was stopped). */
async function serviceWorker(context: BrowserContext): Promise<Worker> {
  const running = context.serviceWorkers().at(-1);
  return running ?? context.waitForEvent('serviceworker');
}

/** Delivers `data` to the app's service worker as the push service would (CDP). */
export async function deliverPush(context: BrowserContext, appURL: string, data: string) {
  const page = await context.newPage(); // about:blank: no window of the app
  const cdp = await context.newCDPSession(page);
  const registrationId = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const found = registrations.find((r) => r.scopeURL.startsWith(appURL) && !r.isDeleted);
      if (found) resolve(found.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: new URL(appURL).origin,
    registrationId: await registrationId,
    data,
  });
  await cdp.detach();
  await page.close();
}

export interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  data: { url?: string } | null;
  /** Whether the message text was in IndexedDB when showNotification was called. */
  storedFirst?: boolean;
}

/**
 * Records every showNotification call of the worker, with whether the conversation's newest
 * text was already in the user's IndexedDB at that moment.
 */
export async function recordNotifications(context: BrowserContext, dbName: string) {
  const sw = await serviceWorker(context);
  await sw.evaluate((name) => {
    const scope = self as unknown as WorkerScope;
    if (scope.__shown) return;
    scope.__shown = [];
    const original = ServiceWorkerRegistration.prototype.showNotification;
    const bodies = () =>
      new Promise<string[]>((resolve) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => {
          const request = open.result.transaction('messages').objectStore('messages').getAll();
          request.onsuccess = () => {
            resolve((request.result as { body: string }[]).map((m) => m.body));
            open.result.close();
          };
        };
        open.onerror = () => resolve([]);
      });
    // The app badge: headless Chromium shows none, so the worker's calls are recorded.
    const badges: number[] = [];
    scope.__badges = badges;
    type BadgeNavigator = {
      setAppBadge?: (n?: number) => Promise<void>;
      clearAppBadge?: () => Promise<void>;
    };
    const nav = navigator as unknown as BadgeNavigator;
    const set = nav.setAppBadge?.bind(nav);
    const clear = nav.clearAppBadge?.bind(nav);
    nav.setAppBadge = async (n?: number) => {
      badges.push(n ?? 0);
      await set?.(n).catch(() => undefined);
    };
    nav.clearAppBadge = async () => {
      badges.push(0);
      await clear?.().catch(() => undefined);
    };
    ServiceWorkerRegistration.prototype.showNotification = async function (title, options) {
      const stored = await bodies();
      scope.__shown?.push({ title, options: options ?? {}, stored });
      return original.call(this, title, options);
    };
  }, dbName);
  return sw;
}

/** The notifications on screen (the worker's getNotifications()). */
export async function shownNotifications(context: BrowserContext): Promise<ShownNotification[]> {
  const sw = await serviceWorker(context);
  return sw.evaluate(async () => {
    const list = await (self as unknown as WorkerScope).registration.getNotifications();
    return list.map((n: Notification) => ({
      title: n.title,
      body: n.body,
      tag: n.tag,
      data: n.data,
    }));
  });
}

/** What recordNotifications saw: each call's title, body and the stored message texts. */
export async function recordedCalls(context: BrowserContext) {
  const sw = await serviceWorker(context);
  return sw.evaluate(() => {
    const scope = self as unknown as WorkerScope;
    return (scope.__shown ?? []).map((c) => ({
      title: c.title,
      body: c.options.body ?? '',
      stored: c.stored,
    }));
  });
}

/** The app badges the worker set since recordNotifications (0 = cleared). */
export async function recordedBadges(context: BrowserContext): Promise<number[]> {
  const sw = await serviceWorker(context);
  return sw.evaluate(() => [...((self as unknown as WorkerScope).__badges ?? [])]);
}

/** A click on the conversation's notification, as the worker's notificationclick sees it. */
export async function clickNotification(context: BrowserContext, tag: string) {
  const sw = await serviceWorker(context);
  await sw.evaluate(async (t) => {
    const scope = self as unknown as WorkerScope;
    const [notification] = await scope.registration.getNotifications({ tag: t });
    if (!notification) throw new Error(`no notification with tag ${t}`);
    scope.dispatchEvent(new scope.NotificationEvent('notificationclick', { notification }));
  }, tag);
}

export const isAppPage = (page: Page, appURL: string) => page.url().startsWith(appURL);
