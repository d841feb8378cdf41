import { queuePushMutation } from '../db/commands/push-subscription.ts';
import type { ChatDb } from '../db/index.ts';
import { newId } from '../lib/uuid.ts';
import { getSubscribedEndpoint, setSubscribedEndpoint } from './settings.ts';

/** Where this browser stands: no Push at all, or the Notifications permission. */
export type PushSupport = 'unsupported' | NotificationPermission;

export function pushSupport(): PushSupport {
  const supported =
    typeof Notification !== 'undefined' &&
    'serviceWorker' in navigator &&
    typeof PushManager !== 'undefined';
  return supported ? Notification.permission : 'unsupported';
}

export type EnableResult =
  | { ok: true }
  | { ok: false; reason: 'unsupported' | 'denied' | 'dismissed' | 'failed'; message: string };

const bytesOf = (base64url: string) => {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
};

const sameKey = (a: ArrayBuffer | null, b: Uint8Array) => {
  if (!a || a.byteLength !== b.length) return false;
  const view = new Uint8Array(a);
  return view.every((x, i) => x === b[i]);
};

/**
 * Asks for the permission (only ever from a click), subscribes this browser with the
 * deployment's VAPID key and queues push.subscribe in the outbox: offline it goes out with
 * the next flush. A subscription made with another key (a rotated deployment) is replaced.
 */
export async function enablePush(db: ChatDb, vapidPublicKey: string): Promise<EnableResult> {
  if (pushSupport() === 'unsupported') {
    return { ok: false, reason: 'unsupported', message: 'This browser cannot show notifications.' };
  }
  const permission = await Notification.requestPermission();
  if (permission === 'denied') {
    return {
      ok: false,
      reason: 'denied',
      message: 'Notifications are blocked for this site. Allow them in the browser settings.',
    };
  }
  if (permission !== 'granted') {
    return { ok: false, reason: 'dismissed', message: 'Notifications were not allowed.' };
  }
  try {
    const key = bytesOf(vapidPublicKey);
    const registration = await navigator.serviceWorker.ready;
    let subscription = await registration.pushManager.getSubscription();
    if (subscription && !sameKey(subscription.options.applicationServerKey, key)) {
      await subscription.unsubscribe();
      subscription = null;
    }
    subscription ??= await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: key,
    });
    const json = subscription.toJSON();
    const { p256dh = '', auth = '' } = json.keys ?? {};
    await queuePushMutation(db, {
      id: newId(),
      type: 'push.subscribe',
      endpoint: subscription.endpoint,
      keys: { p256dh, auth },
    });
    await setSubscribedEndpoint(db, subscription.endpoint);
    return { ok: true };
  } catch (error) {
    console.warn('push subscription failed', error);
    return { ok: false, reason: 'failed', message: 'Notifications could not be turned on here.' };
  }
}

/**
 * Turns notifications off on this device: queues push.unsubscribe for the endpoint the
 * server knows, then drops the browser's subscription (its push service answers 410 from
 * then on, which also makes the server forget it should the mutation never arrive).
 */
export async function disablePush(db: ChatDb): Promise<void> {
  const endpoint = await getSubscribedEndpoint(db);
  if (endpoint) {
    await queuePushMutation(db, { id: newId(), type: 'push.unsubscribe', endpoint });
    await setSubscribedEndpoint(db, null);
  }
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration();
  await (await registration?.pushManager.getSubscription())?.unsubscribe();
}
