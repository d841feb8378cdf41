import { describe, expect, it } from 'vitest';
import { add, alice, bob, harness, manualClock, randomUUID, send } from '../../test/harness.ts';
import { MemorySyncStore } from '../store/memory-store.ts';
import type { SyncStore } from '../store/sync-store.ts';
import { processSync } from './process-sync.ts';
import { createSyncCore } from './sync-core.ts';

/** A store whose process "dies" (throws) on its n-th call, as a Lambda killed mid-request. */
function crashingStore(inner: SyncStore, crashOnCall: number) {
  let calls = 0;
  return new Proxy(inner, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls++;
        if (calls === crashOnCall) return Promise.reject(new Error('Lambda timed out'));
        return value.apply(target, args);
      };
    },
  });
}

describe('crash safety without transactions', () => {
  // message.send makes 6 store calls: put, 2 contact reads, 2 contact bumps, complete.
  for (const crashAt of [1, 2, 4, 5, 6]) {
    it(`a send that died at store call ${crashAt} reaches the recipient once on a late retry`, async () => {
      const clock = manualClock();
      const store = new MemorySyncStore({ now: clock.now });
      const live = harness(store, { now: clock.now });
      const b = live.device(bob);
      const a = live.device(alice);
      const lost = send(bob, 'the one that crashed');
      const dying = createSyncCore({ store: crashingStore(store, crashAt), now: clock.now });
      const res = await processSync(
        dying,
        alice,
        JSON.stringify({ v: 1, clientId: randomUUID(), cursor: null, mutations: [lost] }),
      );
      expect(res.statusCode).toBe(500);
      expect(JSON.stringify(res.body)).not.toMatch(/timed out/);
      // Hours of other traffic move everyone's cursor far past the overlap window.
      for (let i = 0; i < 3; i++) {
        clock.advance(3_600_000);
        await a.push([send(bob, `later ${i}`)]);
        await b.drain();
      }
      clock.advance(3_600_000);
      expect((await a.push([lost])).results[0]?.status).toMatch(/applied|duplicate/);
      clock.advance(1000);
      await b.drain();
      expect(b.bodies(alice).filter((x) => x === 'the one that crashed')).toHaveLength(1);
      expect(b.messages.size).toBe(4);
    });
  }
});

describe('the overlap window against index lag', () => {
  async function scenario(lagMs: number, overlapMs: number) {
    const clock = manualClock();
    const store = new MemorySyncStore({ now: clock.now, indexLagMs: () => lagMs });
    const h = harness(store, { now: clock.now, overlapMs });
    const a = h.device(alice);
    const b = h.device(bob);
    await a.push([send(bob, 'early')]);
    clock.advance(lagMs + 1);
    await b.drain();
    await a.push([send(bob, 'lagging')]);
    // bob pulls while the write is not yet in the index, then keeps polling every second.
    for (let t = 0; t < 20; t++) {
      await b.drain();
      clock.advance(1000);
    }
    return b.bodies(alice);
  }

  it('finds writes that show in the index late, within the window', async () => {
    expect(await scenario(3000, 5000)).toEqual(['early', 'lagging']);
  });

  it('would lose them with no window (the window is what makes pulls safe)', async () => {
    expect(await scenario(3000, 0)).toEqual(['early']);
  });
});

describe('cost and HTTP semantics', () => {
  it('an idle pull is exactly one store request whatever the history', async () => {
    const clock = manualClock();
    const store = new MemorySyncStore({ now: clock.now });
    const h = harness(store, { now: clock.now });
    const a = h.device(alice);
    for (let i = 0; i < 20; i++) await a.push([send(`p${i}@example.com`, `m${i}`)]);
    clock.advance(60_000);
    await a.drain();
    const before = store.stats.requests;
    const idle = await a.pullOnce([]);
    expect(store.stats.requests - before).toBe(1);
    expect(idle.changes).toEqual({ contacts: [], messages: [] });
    expect(idle.more).toBe(false);
  });

  it('answers envelope errors with 400 naming the fields, 413 when too large', async () => {
    const store = new MemorySyncStore();
    const core = createSyncCore({ store });
    const call = (body: string) => processSync(core, alice, body);
    expect((await call('{nope')).statusCode).toBe(400);
    const missing = await call(JSON.stringify({ v: 1, cursor: null, mutations: [{}] }));
    expect(missing.statusCode).toBe(400);
    const paths = (missing.body as { issues: { path: string }[] }).issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['clientId', 'mutations.0.id']));
    const tooMany = Array.from({ length: 101 }, () => add(bob, 'B'));
    const many = await call(
      JSON.stringify({ v: 1, clientId: randomUUID(), cursor: null, mutations: tooMany }),
    );
    expect(many.statusCode).toBe(400);
    const cursor = await call(
      JSON.stringify({ v: 1, clientId: randomUUID(), cursor: 'x', mutations: [] }),
    );
    expect(cursor).toMatchObject({ statusCode: 400, body: { issues: [{ path: 'cursor' }] } });
    const big = await call(JSON.stringify({ pad: 'x'.repeat(256 * 1024) }));
    expect(big.statusCode).toBe(413);
    expect(store.snapshot().contacts).toEqual([]);
  });

  it('hides internals in a 500', async () => {
    const store = crashingStore(new MemorySyncStore(), 1);
    const res = await processSync(
      createSyncCore({ store }),
      alice,
      JSON.stringify({ v: 1, clientId: randomUUID(), cursor: null, mutations: [] }),
    );
    expect(res).toMatchObject({
      statusCode: 500,
      body: { message: 'internal error, retry later' },
    });
  });
});
