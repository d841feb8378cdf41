import webpush from 'web-push';
import type { PushSubscriptionRow } from './subscription-store.ts';

export interface VapidKeys {
  /** `mailto:` or an https URL: who to contact about this sender. */
  subject: string;
  publicKey: string;
  privateKey: string;
}

export interface PushRequestOptions {
  ttlSeconds: number;
  urgency: 'very-low' | 'low' | 'normal' | 'high';
  /** Pending pushes with the same topic replace each other at the push service. */
  topic: string;
}

/** Sends one encrypted push; resolves with the push service's HTTP status. Throws on network. */
export type PushSender = (
  subscription: PushSubscriptionRow,
  payload: string,
  options: PushRequestOptions,
) => Promise<number>;

/**
 * web-push builds the request (aes128gcm encryption to the subscription's keys, the VAPID
 * JWT, TTL, Urgency, Topic) and fetch sends it: web-push's own sendNotification only speaks
 * https, and the local push service is http on 127.0.0.1. The same code runs in AWS.
 */
export function createWebPushSender(
  vapid: VapidKeys,
  fetchImpl: typeof fetch = fetch,
  timeoutMs = 10_000,
): PushSender {
  return async (subscription, payload, options) => {
    const details = webpush.generateRequestDetails(
      {
        endpoint: subscription.endpoint,
        keys: { p256dh: subscription.p256dh, auth: subscription.auth },
      },
      payload,
      {
        vapidDetails: vapid,
        TTL: options.ttlSeconds,
        urgency: options.urgency,
        topic: options.topic,
        contentEncoding: 'aes128gcm',
      },
    );
    const response = await fetchImpl(details.endpoint, {
      method: details.method,
      headers: details.headers as Record<string, string>,
      body: details.body ? new Uint8Array(details.body) : null,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer().catch(() => undefined);
    return response.status;
  };
}
