/**
 * Web Push through the whole local stack: alice's device subscribes through POST /sync (a
 * mutation like any other), bob's send is answered without waiting on any push, and the
 * local push service then receives alice's encrypted poke. Blocks and unsubscribes stop it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSubscriptionKeys } from '../../local/push-service.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { compositeNamespace, type SyncResponse } from '../../src/protocol/index.ts';
import { alice, bob, send, v7 } from '../harness.ts';
import { signIn } from '../local/sign-in.ts';

let stack: LocalStack;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true });
  for (const who of [alice, bob]) tokens[who] = (await signIn(stack, who, 'chatscape')).idToken;
});
afterAll(() => stack.stop());

async function sync(who: string, mutations: unknown[]) {
  const res = await fetch(`${stack.apiURL}/sync`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens[who]}`, 'content-type': 'application/json' },
    body: JSON.stringify({ v: 1, clientId: v7(), cursor: null, mutations }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as SyncResponse;
}

function device() {
  const keys = createSubscriptionKeys();
  const endpoint = stack.push.service.subscribe(keys, stack.push.vapidPublicKey);
  const subscribe = {
    id: v7(Date.now()),
    type: 'push.subscribe',
    endpoint,
    keys: { p256dh: keys.p256dh, auth: keys.auth },
  };
  return { endpoint, subscribe };
}

const block = (email: string) => ({ id: v7(Date.now()), type: 'contact.block', email });
const unblock = (email: string) => ({ id: v7(Date.now()), type: 'contact.unblock', email });

describe('Web Push on the local stack', () => {
  it("pushes a poke for bob's message to alice's subscribed device", async () => {
    const phone = device();
    expect((await sync(alice, [phone.subscribe])).results[0]?.status).toBe('applied');
    const since = Date.now();
    await sync(bob, [send(alice, 'hello alice')]);
    const push = await stack.push.service.next(phone.endpoint, since);
    expect(JSON.parse(push.payload)).toEqual({
      v: 1,
      type: 'poke',
      conversation: compositeNamespace(alice, bob),
    });
    expect(push.ttl).toBeGreaterThan(0);
  });

  it('refuses an http endpoint that is not the local push service', async () => {
    const phone = device();
    const elsewhere = { ...phone.subscribe, endpoint: 'http://127.0.0.1:1/push/x' };
    const [result] = (await sync(alice, [elsewhere])).results;
    expect(result).toMatchObject({ status: 'rejected', error: { code: 'invalid' } });
  });

  it('sends nothing once alice blocked bob, and nothing after alice unsubscribed', async () => {
    const phone = device();
    await sync(alice, [phone.subscribe, block(bob)]);
    await sync(bob, [send(alice, 'blocked one')]);
    await sync(alice, [unblock(bob)]);
    const since = Date.now();
    await sync(bob, [send(alice, 'after unblock')]);
    // The first push after the unblock is the first one this endpoint ever received.
    const first = await stack.push.service.next(phone.endpoint, since);
    expect(stack.push.service.received.filter((p) => p.endpoint === phone.endpoint)).toEqual([
      first,
    ]);
    await sync(alice, [{ id: v7(Date.now()), type: 'push.unsubscribe', endpoint: phone.endpoint }]);
    const marker = device();
    await sync(alice, [marker.subscribe]);
    const later = Date.now();
    await sync(bob, [send(alice, 'after unsubscribe')]);
    // The marker device hears of it; the unsubscribed one did not.
    await stack.push.service.next(marker.endpoint, later);
    const afterwards = stack.push.service.received.filter(
      (p) => p.endpoint === phone.endpoint && p.receivedAt >= later,
    );
    expect(afterwards).toEqual([]);
  });
});
