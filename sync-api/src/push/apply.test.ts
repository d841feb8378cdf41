import { describe, expect, it } from 'vitest';
import { alice, bob, harness, send, v7 } from '../../test/harness.ts';
import type { MutationInput } from '../protocol/index.ts';
import { MemorySyncStore } from '../store/memory-store.ts';
import { pushJob } from './dispatch.ts';
import { createEndpointPolicy } from './endpoint-policy.ts';
import { MemorySubscriptionStore } from './subscription-store.ts';

const t0 = 1_700_000_000_000;
const p256dh = `B${'A'.repeat(86)}`;
const auth = 'A'.repeat(22);
const fcm = 'https://fcm.googleapis.com/fcm/send/abc123';

const subscribe = (endpoint = fcm, id = v7(), keys = { p256dh, auth }): MutationInput => ({
  id,
  type: 'push.subscribe',
  endpoint,
  keys,
});
const unsubscribe = (endpoint = fcm, id = v7()): MutationInput => ({
  id,
  type: 'push.unsubscribe',
  endpoint,
});

function world(extraOrigins: string[] = []) {
  const subscriptions = new MemorySubscriptionStore();
  const push = { subscriptions, endpoints: createEndpointPolicy(undefined, extraOrigins) };
  const h = harness(new MemorySyncStore(), { now: () => t0, push });
  return { h, subscriptions };
}

describe('push.subscribe / push.unsubscribe', () => {
  it('stores the subscription for the verified owner; a retry is a duplicate', async () => {
    const { h, subscriptions } = world();
    const m = subscribe();
    expect((await h.sync(alice, [m])).results[0]?.status).toBe('applied');
    expect((await h.sync(alice, [m])).results[0]?.status).toBe('duplicate');
    const rows = await subscriptions.list(alice);
    expect(rows).toMatchObject([{ owner: alice, endpoint: fcm, p256dh, auth, createdAt: t0 }]);
    expect(await subscriptions.list(bob)).toEqual([]);
  });

  it('unsubscribe removes it, and a late replay of the older subscribe cannot bring it back', async () => {
    const { h, subscriptions } = world();
    const older = subscribe();
    await h.sync(alice, [older]);
    expect((await h.sync(alice, [unsubscribe()])).results[0]?.status).toBe('applied');
    expect(await subscriptions.list(alice)).toEqual([]);
    expect((await h.sync(alice, [older])).results[0]?.status).toBe('duplicate');
    expect(await subscriptions.list(alice)).toEqual([]);
    expect((await h.sync(alice, [subscribe()])).results[0]?.status).toBe('applied');
    expect(await subscriptions.list(alice)).toHaveLength(1);
  });

  it.each([
    ['http://fcm.googleapis.com/fcm/send/x', /https/],
    ['https://evil.example.com/push/x', /not a known push service/],
    ['https://fcm.googleapis.com:8443/x', /not a known push service/],
    ['http://127.0.0.1:9999/push/x', /https/],
  ])('refuses the endpoint %s', async (endpoint, message) => {
    const { h, subscriptions } = world();
    const result = (await h.sync(alice, [subscribe(endpoint)])).results[0];
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
    expect(result?.error?.message).toMatch(message);
    expect(await subscriptions.list(alice)).toEqual([]);
  });

  it('accepts the local push service only where the local stack allows its origin', async () => {
    const { h } = world(['http://127.0.0.1:9999']);
    const local = subscribe('http://127.0.0.1:9999/push/x');
    expect((await h.sync(alice, [local])).results[0]?.status).toBe('applied');
    const other = subscribe('http://127.0.0.1:9998/push/x');
    expect((await h.sync(alice, [other])).results[0]?.status).toBe('rejected');
  });

  it.each([
    [{ p256dh: p256dh.slice(1), auth }, /keys.p256dh must be 65 bytes/],
    [{ p256dh: `A${p256dh.slice(1)}`, auth }, /uncompressed P-256/],
    [{ p256dh, auth: `${auth}==` }, /keys.auth/],
    [{ p256dh: p256dh.replace('A', '+'), auth }, /base64url/],
  ])('refuses bad keys %#', async (keys, message) => {
    const { h } = world();
    const result = (await h.sync(alice, [subscribe(fcm, v7(), keys)])).results[0];
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
    expect(result?.error?.message).toMatch(message);
  });

  it('refuses ids that are not UUIDv7 (they order subscribe against unsubscribe)', async () => {
    const { h } = world();
    const v4 = crypto.randomUUID();
    const result = (await h.sync(alice, [subscribe(fcm, v4)])).results[0];
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
  });

  it('is refused with push_unavailable where the server has no Web Push', async () => {
    const h = harness(new MemorySyncStore(), { now: () => t0 });
    const result = (await h.sync(alice, [subscribe()])).results[0];
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'push_unavailable' } });
  });
});

describe('pushJob', () => {
  it('names the recipients of applied sends only, once each, never the sender', async () => {
    const { h } = world();
    const ok = send(bob, 'hi');
    const again = send(bob, 'again');
    const toSelf = send(alice, 'me');
    const bad = { ...send(bob, ''), body: '' };
    const request = {
      v: 1 as const,
      clientId: v7(),
      cursor: null,
      mutations: [ok, again, toSelf, bad],
    };
    const { results } = await h.sync(alice, request.mutations);
    expect(pushJob(alice, request, results)).toEqual({ v: 1, sender: alice, recipients: [bob] });
    expect(pushJob(alice, { ...request, mutations: [bad] }, [results[3] as never])).toBeNull();
  });
});
