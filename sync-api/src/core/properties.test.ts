import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, alice, bob, carol, manualClock, randomUUID, v7 } from '../../test/harness.ts';
import type { MutationInput } from '../protocol/index.ts';
import { MemorySyncStore } from '../store/memory-store.ts';
import { processSync } from './process-sync.ts';
import { createSyncCore } from './sync-core.ts';

const peers = [bob, carol, 'dave@example.com', alice];

const mutationArb: fc.Arbitrary<MutationInput> = fc
  .oneof(
    fc.record({
      type: fc.constant('message.send' as const),
      to: fc.constantFrom(...peers),
      body: fc.string({ minLength: 1, maxLength: 20 }),
      sentAt: fc.nat(),
    }),
    fc.record({
      type: fc.constant('contact.add' as const),
      email: fc.constantFrom(...peers),
      name: fc.string({ minLength: 1, maxLength: 10 }),
    }),
    fc.record({
      type: fc.constantFrom('contact.block' as const, 'contact.unblock' as const),
      email: fc.constantFrom(...peers),
    }),
    fc.record({
      type: fc.constant('contact.report' as const),
      email: fc.constantFrom(...peers),
      reason: fc.string({ minLength: 1, maxLength: 20 }),
    }),
  )
  .map((m) => ({ ...m, id: randomUUID() }) as MutationInput);

async function run(store: MemorySyncStore, mutations: MutationInput[], t = manualClock()) {
  const core = createSyncCore({ store, now: t.now });
  const body = JSON.stringify({ v: 1, clientId: randomUUID(), cursor: null, mutations });
  const res = await processSync(core, alice, body);
  expect(res.statusCode).toBe(200);
}

describe('properties', () => {
  it('replaying a batch in any order, any number of times, changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(mutationArb, { minLength: 1, maxLength: 15 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        async (batch, picks) => {
          const clock = manualClock();
          // Everyone is a contact first: a report about a stranger is refused, so whether it
          // applies would depend on the order, not on replays.
          const known = peers.map((p, i) => add(p, 'known', v7(1_600_000_000_000 + i)));
          const once = new MemorySyncStore();
          await run(once, known, clock);
          await run(once, batch, clock);
          const expected = JSON.stringify(once.snapshot());
          const replayed = new MemorySyncStore();
          await run(replayed, known, clock);
          await run(replayed, batch, clock);
          // Replays: the whole batch reversed, then random single mutations, later in time.
          clock.advance(60_000);
          await run(replayed, [...batch].reverse(), clock);
          for (const p of picks) {
            clock.advance(1000);
            await run(replayed, [batch[p % batch.length] as MutationInput], clock);
          }
          expect(JSON.stringify(replayed.snapshot())).toBe(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('1,000 malformed or oversize bodies get a JSON 400/413, never a 500, never a write', async () => {
    const store = new MemorySyncStore();
    const core = createSyncCore({ store });
    const junk = fc.oneof(
      fc.string(),
      fc.json(),
      fc.jsonValue().map((j) => JSON.stringify(j)),
      fc
        .record(
          {
            v: fc.oneof(fc.constant(1), fc.anything()),
            clientId: fc.oneof(fc.uuid(), fc.string()),
            cursor: fc.oneof(fc.constant(null), fc.string()),
            mutations: fc.oneof(
              fc.anything(),
              fc.array(fc.record({ id: fc.string(), type: fc.string() }), { maxLength: 3 }),
              fc.array(fc.constant({ id: randomUUID(), type: 'contact.add' }), {
                minLength: 101,
                maxLength: 120,
              }),
            ),
          },
          { requiredKeys: [] },
        )
        .filter(
          (r) =>
            !(
              r.v === 1 &&
              typeof r.clientId === 'string' &&
              /^[0-9a-f-]{36}$/i.test(r.clientId) &&
              r.cursor === null &&
              Array.isArray(r.mutations) &&
              r.mutations.length <= 100 &&
              r.mutations.every(
                (m: { id?: unknown }) => typeof m?.id === 'string' && /^[0-9a-f-]{36}$/i.test(m.id),
              )
            ),
        )
        .map((r) => JSON.stringify(r)),
      fc.nat({ max: 64 }).map((n) => `{"v":1,"pad":"${'x'.repeat(256 * 1024 + n)}"}`),
    );
    await fc.assert(
      fc.asyncProperty(junk, async (body) => {
        const res = await processSync(core, alice, body);
        expect([400, 413]).toContain(res.statusCode);
        expect(typeof (res.body as { message: string }).message).toBe('string');
      }),
      { numRuns: 1000 },
    );
    expect(store.snapshot()).toEqual({ messages: [], contacts: [], reports: [] });
    expect(store.stats.requests).toBe(0);
  });
});
