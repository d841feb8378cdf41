import { describe, expect, it } from 'vitest';
import type { SyncResponse } from '../src/protocol/index.ts';
import type { SyncStore } from '../src/store/sync-store.ts';
import { alice, bob, carol, harness, manualClock, randomUUID, send, v7 } from './harness.ts';
import { hooked } from './hooked-store.ts';
import type { StoreFactory } from './sync-behaviours.ts';

const dave = 'dave@example.com';
const block = (email: string) => ({ id: v7(), type: 'contact.block' as const, email });
const unblock = (email: string) => ({ id: v7(), type: 'contact.unblock' as const, email });

type Message = SyncResponse['changes']['messages'][number];
const times = (messages: Iterable<Message>) =>
  new Map([...messages].map((m) => [m.body, m.serverTime]));

/**
 * Issue 14 "server batching": a batch's consecutive sends to one peer are one run that bumps
 * the conversation's two rows once. On every store: what each device receives, the order of
 * stamps around contact mutations of the same peer, concurrent duplicate deliveries, slow
 * runs, and the cost. `requests` reads the store's request counter (DynamoDB requests).
 */
export function describeSyncBatching(
  name: string,
  makeStore: StoreFactory,
  requests: (store: SyncStore) => number,
) {
  describe(`batched sends on ${name}`, () => {
    async function world() {
      const clock = manualClock();
      const store = await makeStore(clock.now);
      return { clock, store, h: harness(store, { now: clock.now }) };
    }

    it('a batch to several peers reaches each recipient once, in batch order, rows at the last stamp', async () => {
      const { clock, h } = await world();
      const a = h.device(alice);
      const batch = [
        send(bob, 'b1'),
        send(carol, 'c1'),
        send(bob, 'b2'),
        send(dave, 'd1'),
        send(carol, 'c2'),
        send(bob, 'b3'),
      ];
      const res = await a.push(batch);
      expect(res.results).toEqual(batch.map((m) => ({ id: m.id, status: 'applied' })));
      clock.advance(1000);
      const [b, c, d, other] = [bob, carol, dave, alice].map((who) => h.device(who));
      for (const device of [b, c, d, other]) await device?.drain();
      expect(b?.bodies(alice)).toEqual(['b1', 'b2', 'b3']);
      expect(c?.bodies(alice)).toEqual(['c1', 'c2']);
      expect(d?.bodies(alice)).toEqual(['d1']);
      expect(other?.bodies(bob)).toEqual(['b1', 'b2', 'b3']);
      expect(other?.messages.size).toBe(6);
      const stamped = times(other?.messages.values() ?? []);
      // Each message has its own stamp, strictly increasing within a conversation; both rows
      // of the conversation carry its last one.
      expect(new Set(stamped.values()).size).toBe(6);
      for (const [peer, bodies, device] of [
        [bob, ['b1', 'b2', 'b3'], b],
        [carol, ['c1', 'c2'], c],
      ] as const) {
        const ts = bodies.map((x) => stamped.get(x) as number);
        expect([...ts].sort((x, y) => x - y)).toEqual(ts);
        expect(other?.contacts.get(peer)?.lastMessageAt).toBe(ts.at(-1));
        expect(device?.contacts.get(alice)).toMatchObject({
          request: true,
          lastMessageAt: ts.at(-1),
        });
      }
    });

    it('a batch mixing sends and blocks of one peer is applied in batch order', async () => {
      const { clock, store, h } = await world();
      const a = h.device(alice);
      const b = h.device(bob);
      // Alice: sends around her own block and unblock of Bob, in one batch.
      const batch = [
        send(bob, 'before'),
        send(bob, 'before 2'),
        block(bob),
        send(bob, 'while blocked'),
        unblock(bob),
        send(bob, 'after'),
      ];
      const res = await a.push(batch);
      expect(res.results.map((r) => r.status)).toEqual(batch.map(() => 'applied'));
      const row = await store.getContact(alice, bob);
      const ts = times(a.messages.values());
      // The block's stamp falls between the sends around it, so the messages Bob sends later
      // are judged by a log whose order is the batch's.
      expect(row?.blockLog.map((t) => t.blocked)).toEqual([true, false]);
      const [blockedAt, unblockedAt] = row?.blockLog.map((t) => t.at) ?? [];
      expect(ts.get('before 2')).toBeGreaterThan(ts.get('before') as number);
      expect(blockedAt).toBeGreaterThan(ts.get('before 2') as number);
      expect(ts.get('while blocked')).toBeGreaterThan(blockedAt as number);
      expect(unblockedAt).toBeGreaterThan(ts.get('while blocked') as number);
      expect(ts.get('after')).toBeGreaterThan(unblockedAt as number);
      expect(row?.blocked).toBe(false);
      clock.advance(1000);
      await b.drain();
      // Alice blocking Bob hides Bob's messages from her, never hers from him.
      expect(b.bodies(alice)).toEqual(['before', 'before 2', 'while blocked', 'after']);
      // Bob's batch: a reply, his block of Alice, another; then Alice's batch of two.
      await b.push([send(alice, 'reply'), block(alice), send(alice, 'mine, still')]);
      await a.push([send(bob, 'unseen 1'), send(bob, 'unseen 2')]);
      await b.push([unblock(alice), send(alice, 'back')]);
      await a.push([send(bob, 'seen')]);
      clock.advance(1000);
      const fresh = h.device(bob);
      for (const device of [a, b, fresh]) await device.drain();
      const bobSees = ['before', 'before 2', 'while blocked', 'after', 'reply', 'mine, still'];
      expect(b.bodies(alice)).toEqual([...bobSees, 'back', 'seen']);
      expect(fresh.bodies(alice)).toEqual([...bobSees, 'back', 'seen']);
      expect(a.bodies(bob)).toEqual([...bobSees, 'unseen 1', 'unseen 2', 'back', 'seen']);
    });

    it('the same id twice in one batch is written once; other content under it is refused', async () => {
      const { clock, h } = await world();
      const id = randomUUID();
      const res = await h
        .device(alice)
        .push([
          send(bob, 'x', id),
          send(bob, 'between'),
          send(bob, 'x', id),
          send(bob, 'not x', id),
        ]);
      expect(res.results.map((r) => r.status)).toEqual([
        'applied',
        'applied',
        'duplicate',
        'rejected',
      ]);
      expect(res.results[3]?.error?.code).toBe('id_conflict');
      clock.advance(1000);
      const b = h.device(bob);
      await b.drain();
      expect(b.bodies(alice)).toEqual(['x', 'between']);
    });

    it('the same batch delivered twice at the same time delivers each message once', async () => {
      for (let round = 0; round < 3; round++) {
        const { clock, store, h } = await world();
        const batch = [send(bob, 'one'), send(carol, 'two'), send(bob, 'three'), block(carol)];
        // The second delivery's writes are slow, so its puts find the first one's pending or
        // done messages, and its bumps and completions land after the first one's.
        const slow = hooked(
          store,
          (method) => method !== 'takeRate',
          () => new Promise((resolve) => setTimeout(resolve, 5 + round * 10)),
        );
        const body = { v: 1, clientId: randomUUID(), cursor: null, mutations: batch };
        const [first, second] = await Promise.all([
          h.call(alice, body),
          harness(slow, { now: clock.now }).call(alice, body),
        ]);
        expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
        const statuses = [first, second].map((r) =>
          (r.body as SyncResponse).results.map((x) => x.status),
        );
        for (const s of statuses)
          expect(s.every((x) => x === 'applied' || x === 'duplicate')).toBe(true);
        clock.advance(1000);
        const [a, b, c] = [alice, bob, carol].map((who) => h.device(who));
        for (const device of [a, b, c]) await device?.drain();
        expect(b?.bodies(alice)).toEqual(['one', 'three']);
        expect(c?.bodies(alice)).toEqual(['two']);
        expect(a?.messages.size).toBe(3);
        expect(a?.contacts.get(carol)?.blocked).toBe(true);
      }
    });

    it('a message completed by two racing rounds keeps the later stamp, so a run keeps its order', async () => {
      const { store } = await world();
      const message = (id: string, body: string) => ({
        id,
        sender: alice,
        recipient: bob,
        body,
        sentAt: 1,
        compositeNamespace: [alice, bob].sort().join(':::'),
      });
      const [one, three] = [randomUUID(), randomUUID()];
      await store.putMessageIfAbsent(message(one, 'one'));
      await store.putMessageIfAbsent(message(three, 'three'));
      // Round B (stamps 20, 30) lands first, then the slower round A (10, 25) for the same run.
      await store.completeMessage(one, 20, false);
      await store.completeMessage(three, 30, false);
      await store.completeMessage(one, 10, false);
      await store.completeMessage(three, 25, false);
      expect((await store.getMessage(one))?.serverTime).toBe(20);
      expect((await store.getMessage(three))?.serverTime).toBe(30);
      await expect(store.completeMessage(randomUUID(), 40, false)).rejects.toThrow();
    });

    it('costs about two store requests per message', async () => {
      const { clock, store, h } = await world();
      const a = h.device(alice);
      await a.drain();
      const peers = [bob, carol, dave];
      const batch = Array.from({ length: 99 }, (_, i) => send(peers[i % 3] as string, `m${i}`));
      const before = requests(store);
      const res = await a.pullOnce(batch);
      const used = requests(store) - before;
      expect(res.results.every((r) => r.status === 'applied')).toBe(true);
      // 99 puts + 99 completions; per run of at most 25 sends to one peer (33 each: two runs)
      // one row read and two bumps; the rate-limit take; the pull that answers (one
      // contacts-index query, one query per conversation).
      expect(used).toBe(2 * 99 + 3 * 2 * 3 + 1 + 1 + 3);
      clock.advance(1000);
      const b = h.device(bob);
      await b.drain();
      expect(b.bodies(alice)).toHaveLength(33);
    });
  });
}

/** A slow run of sends, on every store (the memory store also with index lag). */
export function describeBatchedSlowWrites(name: string, makeStore: StoreFactory) {
  describe(`slow batched sends on ${name}`, () => {
    it('a run whose writes took longer than the write budget is re-stamped and still found', async () => {
      const clock = manualClock();
      const store = await makeStore(clock.now);
      const h = harness(store, { now: clock.now });
      const b = h.device(bob);
      await b.drain();
      const poll = async (ms: number) => {
        for (let t = 0; t < ms; t += 250) {
          clock.advance(250);
          await b.drain();
        }
      };
      // The first round's bump and one of its completions each take 1.5 s, while Bob polls.
      let slowWrites = 2;
      const slow = hooked(
        store,
        (method, [owner]) =>
          slowWrites > 0 &&
          ((method === 'upsertContact' && owner === alice) || method === 'completeMessage'),
        async () => {
          slowWrites--;
          await poll(1500);
        },
      );
      await harness(slow, { now: clock.now })
        .device(alice)
        .push([send(bob, 'slow 1'), send(bob, 'slow 2'), send(bob, 'slow 3')]);
      await poll(20_000);
      expect(b.bodies(alice)).toEqual(['slow 1', 'slow 2', 'slow 3']);
    });
  });
}
