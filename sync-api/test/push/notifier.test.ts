/**
 * The notifier against the local push service (sync-api/local/push-service.ts): real VAPID
 * JWTs, real aes128gcm encryption by web-push, decrypted with keys this test made.
 */

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import {
  createSubscriptionKeys,
  type LocalPushService,
  startLocalPushService,
} from '../../local/push-service.ts';
import { compositeNamespace } from '../../src/protocol/index.ts';
import { createNotifier, RetryableNotifyError, topicOf } from '../../src/push/notifier.ts';
import { createWebPushSender } from '../../src/push/send.ts';
import { endpointHash, MemorySubscriptionStore } from '../../src/push/subscription-store.ts';
import type { StoredContact } from '../../src/store/sync-store.ts';
import { alice, bob, carol } from '../harness.ts';

const vapid = { subject: 'mailto:ops@chatscape.invalid', ...webpush.generateVAPIDKeys() };
const settings = { ttlSeconds: 86400, urgency: 'high' as const };
let service: LocalPushService;

beforeAll(async () => {
  service = await startLocalPushService();
});
afterAll(() => service.close());

/** `blocked` (and `muted`) hold "owner>peer" pairs: owner has blocked (muted) peer. */
function world(blocked: string[] = [], send = createWebPushSender(vapid), muted: string[] = []) {
  const subscriptions = new MemorySubscriptionStore();
  const contacts = {
    getContact: async (owner: string, peer: string) =>
      blocked.includes(`${owner}>${peer}`)
        ? ({ blocked: true } as StoredContact)
        : muted.includes(`${owner}>${peer}`)
          ? ({ blocked: false, muted: true } as StoredContact)
          : undefined,
  };
  let t = 1_700_000_000_000;
  const notifier = createNotifier({
    subscriptions,
    contacts,
    send,
    settings,
    now: () => ++t,
    warn: () => {},
  });
  async function device(owner: string, applicationServerKey = vapid.publicKey) {
    const keys = createSubscriptionKeys();
    const endpoint = service.subscribe(keys, applicationServerKey);
    const row = {
      owner,
      endpointHash: endpointHash(endpoint),
      endpoint,
      p256dh: keys.p256dh,
      auth: keys.auth,
      createdAt: 1,
      lastUsedAt: 1,
    };
    await subscriptions.subscribe(row, `v-${endpoint}`);
    return endpoint;
  }
  return { notifier, subscriptions, device };
}

const pushesTo = (endpoint: string) => service.received.filter((p) => p.endpoint === endpoint);

describe('notifier', () => {
  it("sends each of the recipient's devices a content-free, encrypted poke with TTL, Urgency and Topic", async () => {
    const { notifier, subscriptions, device } = world();
    const [phone, laptop] = [await device(alice), await device(alice)];
    const count = await notifier.notify({ v: 1, sender: bob, recipients: [alice] });
    expect(count).toEqual({ sent: 2, gone: 0, failed: 0, blocked: 0 });
    for (const endpoint of [phone, laptop]) {
      const [push] = pushesTo(endpoint);
      expect(JSON.parse(push?.payload ?? '')).toEqual({
        v: 1,
        type: 'poke',
        conversation: compositeNamespace(alice, bob),
      });
      expect(push?.payload).not.toMatch(/hello|body/);
      expect(push).toMatchObject({
        ttl: 86400,
        urgency: 'high',
        topic: topicOf(compositeNamespace(alice, bob)),
      });
    }
    expect((await subscriptions.list(alice)).every((s) => s.lastUsedAt > 1)).toBe(true);
  });

  it('uses one topic per conversation, so pending pokes of a conversation collapse', () => {
    const ab = topicOf(compositeNamespace(alice, bob));
    expect(topicOf(compositeNamespace(bob, alice))).toBe(ab);
    expect(topicOf(compositeNamespace(alice, carol))).not.toBe(ab);
    expect(ab).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('sends nothing to a recipient who muted the conversation (chat.mute)', async () => {
    const { notifier, device } = world([], createWebPushSender(vapid), [`${alice}>${bob}`]);
    const endpoint = await device(alice);
    const other = await device(carol);
    const count = await notifier.notify({ v: 1, sender: bob, recipients: [alice, carol] });
    expect(count).toMatchObject({ sent: 1, muted: 1 });
    expect(pushesTo(endpoint)).toEqual([]);
    expect(pushesTo(other)).toHaveLength(1);
  });

  it('sends nothing to a recipient who blocked the sender', async () => {
    const { notifier, device } = world([`${alice}>${bob}`]);
    const endpoint = await device(alice);
    const count = await notifier.notify({ v: 1, sender: bob, recipients: [alice] });
    expect(count).toMatchObject({ sent: 0, blocked: 1 });
    expect(pushesTo(endpoint)).toEqual([]);
    // Blocking is one way: alice's messages still reach bob.
    const bobs = await device(bob);
    expect((await notifier.notify({ v: 1, sender: alice, recipients: [bob] })).sent).toBe(1);
    expect(pushesTo(bobs)).toHaveLength(1);
  });

  it('deletes a subscription the push service calls gone (410) or unknown (404)', async () => {
    const { notifier, subscriptions, device } = world();
    const expired = await device(carol);
    const live = await device(carol);
    service.expire(expired);
    const unknown = `${service.origin}/push/00000000-0000-4000-8000-000000000000`;
    await subscriptions.subscribe(
      {
        owner: carol,
        endpointHash: endpointHash(unknown),
        endpoint: unknown,
        ...createSubscriptionKeys(),
        createdAt: 1,
        lastUsedAt: 1,
      },
      'v',
    );
    const count = await notifier.notify({ v: 1, sender: bob, recipients: [carol] });
    expect(count).toEqual({ sent: 1, gone: 2, failed: 0, blocked: 0 });
    expect((await subscriptions.list(carol)).map((s) => s.endpoint)).toEqual([live]);
    expect(service.refused.map((r) => r.status).sort()).toEqual(expect.arrayContaining([404, 410]));
  });

  it('is refused by the push service when signed with another VAPID key, and keeps the subscription', async () => {
    const { notifier, subscriptions, device } = world();
    const endpoint = await device(alice, webpush.generateVAPIDKeys().publicKey);
    const count = await notifier.notify({ v: 1, sender: bob, recipients: [alice] });
    expect(count).toMatchObject({ sent: 0, failed: 0 });
    expect(service.refused.find((r) => r.endpoint === endpoint)?.status).toBe(403);
    expect(await subscriptions.list(alice)).toHaveLength(1);
  });

  it('throws after trying every device when some failed for a retryable reason (5xx, network)', async () => {
    let calls = 0;
    const flaky = async () => (++calls === 1 ? 503 : 201);
    const { notifier, device } = world([], flaky);
    await device(alice);
    await device(alice);
    const error = await notifier.notify({ v: 1, sender: bob, recipients: [alice] }).catch((e) => e);
    expect(error).toBeInstanceOf(RetryableNotifyError);
    expect((error as RetryableNotifyError).count).toMatchObject({ sent: 1, failed: 1 });
  });
});
