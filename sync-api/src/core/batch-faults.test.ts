import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  alice,
  bob,
  carol,
  harness,
  manualClock,
  randomUUID,
  send,
  v7,
} from '../../test/harness.ts';
import type { MutationInput } from '../protocol/index.ts';
import { MemorySyncStore } from '../store/memory-store.ts';
import type { SyncStore } from '../store/sync-store.ts';
import { processSync } from './process-sync.ts';
import { createSyncCore } from './sync-core.ts';

/**
 * A store whose Lambda dies at its n-th call: that call and every later one fail (calls already
 * on their way when it dies still land, as requests already sent to DynamoDB do).
 */
function dyingStore(inner: SyncStore, dieAtCall: number) {
  let calls = 0;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls++;
        if (calls >= dieAtCall) return Promise.reject(new Error('Lambda timed out'));
        return value.apply(target, args);
      };
    },
  });
}

/** Store calls of a healthy run of `batch` (on a fresh store: every message is new). */
async function callsOf(batch: MutationInput[]): Promise<number> {
  const store = new MemorySyncStore();
  const body = JSON.stringify({ v: 1, clientId: randomUUID(), cursor: null, mutations: batch });
  await processSync(createSyncCore({ store }), alice, body);
  return store.stats.requests;
}

const dave = 'dave@example.com';

describe('crash safety of a batched send', () => {
  // Each crash is logged by processSync as a 500 would be.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // Two peers; sends to Bob around a block and unblock of him (three runs), two to Carol.
  const batch = [
    send(bob, 'b1'),
    send(carol, 'c1'),
    send(bob, 'b2'),
    { id: v7(), type: 'contact.block', email: bob },
    send(bob, 'b3'),
    { id: v7(), type: 'contact.unblock', email: bob },
    send(carol, 'c2'),
  ] as MutationInput[];

  it('a batch that died at any store call loses and duplicates nothing on a late retry', async () => {
    // Rate limit, 5 puts, per run a row read, 2 bumps and its completes (b1-b2, c1-c2, b3),
    // the block's and unblock's read and write, the pull: a crash point between any two.
    const total = await callsOf(batch);
    expect(total).toBeGreaterThan(20);
    for (let dieAt = 1; dieAt <= total; dieAt++) {
      const clock = manualClock();
      const store = new MemorySyncStore({ now: clock.now });
      const live = harness(store, { now: clock.now });
      const [b, c, a] = [bob, carol, alice].map((who) => live.device(who));
      // Everyone has synced before: their cursors move on from here.
      for (const device of [a, b, c]) await device?.drain();
      const body = JSON.stringify({ v: 1, clientId: randomUUID(), cursor: null, mutations: batch });
      const dying = createSyncCore({ store: dyingStore(store, dieAt), now: clock.now });
      const res = await processSync(dying, alice, body);
      expect(res.statusCode, `died at call ${dieAt}`).toBe(500);
      // Hours of other people's traffic move everyone's cursor far past the overlap window
      // without touching Alice's conversations: only her retry can make them move again.
      const d = live.device(dave);
      for (let i = 0; i < 3; i++) {
        clock.advance(3_600_000);
        await d.push([
          send(bob, `later ${i}`),
          send(carol, `later ${i}`),
          send(alice, `later ${i}`),
        ]);
        for (const device of [a, b, c]) await device?.drain();
      }
      clock.advance(3_600_000);
      const retry = await a?.push(batch);
      expect(retry?.results.map((r) => r.status).every((s) => s !== 'rejected')).toBe(true);
      clock.advance(1000);
      const fresh = live.device(alice);
      for (const device of [a, b, c, fresh]) await device?.drain();
      const once = (bodies: string[] | undefined, want: string[]) =>
        expect([...(bodies ?? [])].sort(), `died at call ${dieAt}`).toEqual([...want].sort());
      once(b?.bodies(alice), ['b1', 'b2', 'b3']);
      once(c?.bodies(alice), ['c1', 'c2']);
      // The sender's own devices: the one that synced all along, and a new one.
      for (const device of [a, fresh]) {
        once(device?.bodies(bob), ['b1', 'b2', 'b3']);
        once(device?.bodies(carol), ['c1', 'c2']);
      }
      expect(store.snapshot().messages.every((m) => m.state === 'done')).toBe(true);
      expect((await store.getContact(alice, bob))?.blocked).toBe(false);
    }
  });
});
