import { describe, expect, it } from 'vitest';
import type { SyncStore } from '../src/store/sync-store.ts';
import { add, alice, bob, carol, harness, manualClock, randomUUID, send } from './harness.ts';

/** `now` is the test's manual clock, for stores that model index lag. */
export type StoreFactory = (
  now?: () => number,
) => Promise<SyncStore & { listReports?: () => unknown[] | Promise<unknown[]> }>;

/**
 * The core's behaviours, run against every SyncStore: the in-memory store in unit tests and
 * DynamoDB (dynalite) in *.ddb.test.ts, so both adapters are held to the same contract.
 */
export function describeSyncBehaviours(name: string, makeStore: StoreFactory) {
  describe(`sync core on ${name}`, () => {
    async function setup(options = {}) {
      const clock = manualClock();
      const store = await makeStore();
      const h = harness(store, { now: clock.now, ...options });
      return { clock, store, h };
    }

    it('adds a contact once, replays as duplicate, refuses yourself', async () => {
      const { h } = await setup();
      const a = h.device(alice);
      const m = add(bob, '  Bob  ');
      const first = await a.push([m, add(alice, 'Me')]);
      expect(first.results.map((r) => r.status)).toEqual(['applied', 'rejected']);
      expect(first.results[1]?.error?.code).toBe('self');
      expect(a.contacts.get(bob)).toMatchObject({ email: bob, name: 'Bob', blocked: false });
      const replay = await a.push([m]);
      expect(replay.results).toEqual([{ id: m.id, status: 'duplicate' }]);
      await a.push([add('BOB@Example.com', 'Robert')]);
      const again = h.device(alice);
      await again.drain();
      expect([...again.contacts.keys()]).toEqual([bob]);
      expect(again.contacts.get(bob)?.name).toBe('Robert');
    });

    it('rejects each invalid mutation with a reason and still applies the rest', async () => {
      const { h } = await setup();
      const a = h.device(alice);
      const bad = [
        { id: randomUUID(), type: 'contact.add', email: 'not-an-email', name: 'X' },
        { id: randomUUID(), type: 'contact.add', email: 'x:::y@example.com', name: 'X' },
        { id: randomUUID(), type: 'contact.add', email: carol, name: '   ' },
        { id: randomUUID(), type: 'contact.add', email: carol, name: 'x'.repeat(101) },
        { id: randomUUID(), type: 'contact.report', email: carol, reason: '' },
        { id: randomUUID(), type: 'contact.report', email: carol, reason: 'r'.repeat(2001) },
        { id: randomUUID(), type: 'message.send', to: bob, body: ' \n ', sentAt: 1 },
        { id: randomUUID(), type: 'message.send', to: bob, body: 'b'.repeat(4001), sentAt: 1 },
        { id: randomUUID(), type: 'message.send', to: bob, body: 'hi', sentAt: -1 },
        { id: randomUUID(), type: 'message.send', to: bob, body: 'hi', sentAt: 1, from: carol },
        { id: randomUUID(), type: 'contact.delete', email: bob },
      ];
      const res = await a.push([...bad, add(bob, 'Bob')] as never);
      const statuses = res.results.map((r) => r.status);
      expect(statuses.slice(0, bad.length).every((s) => s === 'rejected')).toBe(true);
      expect(statuses.at(-1)).toBe('applied');
      expect(res.results.map((r) => r.id)).toEqual([...bad.map((b) => b.id), expect.any(String)]);
      expect(res.results[0]?.error).toMatchObject({ code: 'invalid' });
      expect(res.results[0]?.error?.message).toMatch(/^email: /);
      expect(res.results[9]?.error?.message).toMatch(/from/);
      expect(res.results[10]?.error?.code).toBe('unknown_type');
      expect([...a.contacts.keys()]).toEqual([bob]);
    });

    it('delivers a message once to both sides, as a request for a stranger', async () => {
      const { h } = await setup();
      const a = h.device(alice);
      const b = h.device(bob);
      const m = send(bob, '  hello bob  ');
      expect((await a.push([m])).results).toEqual([{ id: m.id, status: 'applied' }]);
      await b.drain();
      expect(b.bodies(alice)).toEqual(['hello bob']);
      expect(b.contacts.get(alice)).toMatchObject({ request: true, name: '' });
      expect(a.bodies(bob)).toEqual(['hello bob']);
      expect(a.contacts.get(bob)).toMatchObject({ request: false });
      // Replays are duplicates and change nothing.
      expect((await a.push([m, m])).results.map((r) => r.status)).toEqual([
        'duplicate',
        'duplicate',
      ]);
      const b2 = h.device(bob);
      await b2.drain();
      expect(b2.bodies(alice)).toEqual(['hello bob']);
      // Accepting the request is a contact.add.
      await b.push([add(alice, 'Alice')]);
      expect(b.contacts.get(alice)).toMatchObject({ request: false, name: 'Alice' });
    });

    it('rejects an id reused with other content or by another sender, and messaging yourself', async () => {
      const { h } = await setup();
      const id = randomUUID();
      await h.device(alice).push([send(bob, 'original', id)]);
      const res = await h.device(alice).push([send(bob, 'changed', id), send(alice, 'me')]);
      expect(res.results.map((r) => r.error?.code)).toEqual(['id_conflict', 'self']);
      const stolen = await h.device(carol).push([send(bob, 'original', id)]);
      expect(stolen.results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'id_conflict' },
      });
      const b = h.device(bob);
      await b.drain();
      expect([...b.messages.values()].map((m) => [m.sender, m.body])).toEqual([
        [alice, 'original'],
      ]);
    });

    it('never delivers what a blocked peer sends after the block', async () => {
      const { h, clock } = await setup();
      const a = h.device(alice);
      const b = h.device(bob);
      await b.push([send(alice, 'before')]);
      await a.push([{ id: randomUUID(), type: 'contact.block', email: bob }]);
      clock.advance(1);
      await b.push([send(alice, 'while blocked')]);
      await a.drain();
      const a2 = h.device(alice);
      await a2.drain();
      for (const device of [a, a2]) expect(device.bodies(bob)).toEqual(['before']);
      expect(a.contacts.get(bob)?.blocked).toBe(true);
      expect(b.bodies(alice)).toEqual(['before', 'while blocked']);
      clock.advance(10);
      await a.push([{ id: randomUUID(), type: 'contact.unblock', email: bob }]);
      clock.advance(1);
      await b.push([send(alice, 'after unblock')]);
      await a.drain();
      expect(a.bodies(bob)).toEqual(['before', 'after unblock']);
      expect(a.contacts.get(bob)?.blocked).toBe(false);
    });

    it('stores reports idempotently and marks the contact reported', async () => {
      const { h, store, clock } = await setup({ reportRetentionDays: 30 });
      const a = h.device(alice);
      await h.device(bob).push([send(alice, 'buy now')]);
      const report = {
        id: randomUUID(),
        type: 'contact.report' as const,
        email: bob,
        reason: ' spam links ',
      };
      expect((await a.push([report])).results[0]?.status).toBe('applied');
      expect((await a.push([report])).results[0]?.status).toBe('duplicate');
      expect(a.contacts.get(bob)?.reported).toBe(true);
      if (store.listReports) {
        expect(await store.listReports()).toEqual([
          expect.objectContaining({ reporter: alice, reported: bob, reason: 'spam links' }),
        ]);
        // Kept for the configured retention: the reports table's TTL attribute, in seconds.
        const [stored] = (await store.listReports()) as { createdAt: number; expiresAt: number }[];
        expect(stored?.expiresAt).toBe(Math.ceil((stored?.createdAt ?? 0) / 1000) + 30 * 86_400);
        expect(stored?.createdAt).toBeLessThanOrEqual(clock.now());
      }
    });

    it('caps the contacts a user creates and refuses reports about strangers', async () => {
      const { h } = await setup({ maxContacts: 3 });
      const a = h.device(alice);
      const adds = ['p1', 'p2', 'p3', 'p4'].map((p) => add(`${p}@example.com`, p));
      const res = await a.push(adds);
      expect(res.results.map((r) => r.status)).toEqual([
        'applied',
        'applied',
        'applied',
        'rejected',
      ]);
      expect(res.results[3]?.error?.code).toBe('contact_limit');
      // Renaming an existing contact creates nothing.
      expect((await a.push([add('p1@example.com', 'P one')])).results[0]?.status).toBe('applied');
      // Strangers may still write (their request rows are not the owner's to count).
      await h.device(carol).push([send(alice, 'hello')]);
      const report = (email: string) => ({
        id: randomUUID(),
        type: 'contact.report' as const,
        email,
        reason: 'spam',
      });
      const reports = await a.push([
        report('nobody@example.com'),
        report(carol),
        report('p2@example.com'),
      ]);
      expect(reports.results.map((r) => r.error?.code ?? r.status)).toEqual([
        'not_a_contact',
        'applied',
        'applied',
      ]);
    });

    it('rate-limits contact writes separately from messages', async () => {
      const { h } = await setup({ contactWritesPerMinute: 2 });
      const a = h.device(alice);
      const res = await a.push([
        add(bob, 'B'),
        add(carol, 'C'),
        add('dave@example.com', 'D'),
        send(bob, 'hi'),
      ]);
      expect(res.results.map((r) => r.error?.code ?? r.status)).toEqual([
        'applied',
        'applied',
        'rate_limited',
        'applied',
      ]);
      const none = await h.call(alice, {
        v: 1,
        clientId: randomUUID(),
        cursor: null,
        mutations: [add('erin@example.com', 'E')],
      });
      expect(none.statusCode).toBe(429);
    });

    it('paginates a large catch-up with every message exactly once, in order', async () => {
      const { h, clock } = await setup({ pageSize: 50 });
      const a = h.device(alice);
      const peers = [bob, carol, 'dave@example.com'];
      const sent: string[] = [];
      for (let batch = 0; batch < 3; batch++) {
        const mutations = Array.from({ length: 40 }, (_, i) => {
          const body = `m${batch}-${i}`;
          sent.push(body);
          return send(peers[i % 3] as string, body);
        });
        await a.push(mutations);
        clock.advance(1);
      }
      const fresh = h.device(alice);
      let pages = 0;
      for (;;) {
        pages++;
        if (!(await fresh.pullOnce([])).more) break;
      }
      expect(pages).toBeGreaterThanOrEqual(3);
      expect(fresh.messages.size).toBe(120);
      expect([...fresh.messages.values()].map((m) => m.body).sort()).toEqual([...sent].sort());
      const b = h.device(bob);
      await b.drain();
      expect(b.bodies(alice)).toEqual(sent.filter((_, i) => (i % 40) % 3 === 0));
    });

    it("keeps a sender's order across batches even when the server clock steps back", async () => {
      const { h, clock } = await setup();
      const a = h.device(alice);
      await a.push([send(bob, 'first'), send(bob, 'second')]);
      clock.advance(-2000);
      await a.push([send(bob, 'third')]);
      clock.advance(-2000);
      await h.device(bob).push([send(alice, 'reply')]);
      const b = h.device(bob);
      await b.drain();
      expect(b.bodies(alice)).toEqual(['first', 'second', 'third', 'reply']);
    });

    it('re-reads the overlap window without duplicating and stays idle afterwards', async () => {
      const { h, clock } = await setup();
      const a = h.device(alice);
      const b = h.device(bob);
      await a.push([send(bob, 'one')]);
      await b.drain();
      clock.advance(1000);
      const echo = await b.pullOnce([]);
      expect(echo.changes.messages.map((m) => m.body)).toEqual(['one']);
      clock.advance(10_000);
      await b.pullOnce([]);
      const idle = await b.pullOnce([]);
      expect(idle.changes).toEqual({ contacts: [], messages: [] });
      expect(b.bodies(alice)).toEqual(['one']);
    });

    it('answers 429 with Retry-After when nothing fits the write limit, and applies nothing', async () => {
      const { h } = await setup({ rateLimitPerMinute: 3 });
      const a = h.device(alice);
      await a.push([send(bob, '1'), send(bob, '2'), send(bob, '3')]);
      const res = await h.call(alice, {
        v: 1,
        clientId: randomUUID(),
        cursor: null,
        mutations: [send(bob, '4'), send(bob, '5')],
      });
      expect(res.statusCode).toBe(429);
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      const b = h.device(bob);
      await b.drain();
      expect(b.bodies(alice)).toEqual(['1', '2', '3']);
      // Contact changes have their own budget.
      expect((await a.push([add(carol, 'Carol')])).results[0]?.status).toBe('applied');
    });

    it('a rate limit below the batch size applies what fits and defers the rest, never wedges', async () => {
      const { h, clock } = await setup({ rateLimitPerMinute: 50 });
      const queued = Array.from({ length: 60 }, (_, i) => send(bob, `q${i}`));
      // A client that understands `deferred` keeps the rest queued and resends it later.
      let outbox = queued;
      for (let round = 0; round < 5 && outbox.length > 0; round++) {
        const res = await h.call(alice, {
          v: 1,
          clientId: randomUUID(),
          cursor: null,
          mutations: outbox,
          deferrable: true,
        });
        expect(res.statusCode).toBe(200);
        const results = (
          res.body as { results: { id: string; status: string; retryAfter?: number }[] }
        ).results;
        const deferred = results.filter((r) => r.status === 'deferred');
        for (const r of deferred) expect(r.retryAfter).toBeGreaterThan(0);
        expect(results.filter((r) => r.status === 'applied').length + deferred.length).toBe(
          outbox.length,
        );
        outbox = outbox.filter((m) => deferred.some((r) => r.id === m.id));
        clock.advance(60_000);
      }
      expect(outbox).toEqual([]);
      // A client from before `deferred`: what fits is applied, the rest is rejected with
      // code rate_limited (shown as failed with Retry), never a 429 that repeats forever.
      const old = Array.from({ length: 60 }, (_, i) => send(carol, `o${i}`));
      const res = await h.call(alice, {
        v: 1,
        clientId: randomUUID(),
        cursor: null,
        mutations: old,
      });
      const statuses = (res.body as { results: { status: string; error?: { code: string } }[] })
        .results;
      expect(statuses.filter((r) => r.status === 'applied')).toHaveLength(50);
      expect(
        statuses
          .slice(50)
          .every((r) => r.status === 'rejected' && r.error?.code === 'rate_limited'),
      ).toBe(true);
      const b = h.device(bob);
      await b.drain();
      expect(b.bodies(alice)).toEqual(queued.map((m) => (m as { body: string }).body));
    });
  });
}
