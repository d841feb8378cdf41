import { describe, expect, it } from 'vitest';
import { processSync } from '../src/core/process-sync.ts';
import { createSyncCore } from '../src/core/sync-core.ts';
import type { MutationInput, SyncResponse } from '../src/protocol/index.ts';
import { alice, manualClock, randomUUID, send, v7 } from './harness.ts';
import type { StoreFactory } from './sync-behaviours.ts';

/** Lambda refuses a synchronous response payload over this many bytes. */
const LAMBDA_LIMIT = 6_291_456;

/** The payload exactly as the handler hands it to Lambda, measured independently of the core. */
const payloadSize = (res: { statusCode: number; headers: Record<string, string>; body: unknown }) =>
  Buffer.byteLength(
    JSON.stringify({
      statusCode: res.statusCode,
      headers: res.headers,
      body: JSON.stringify(res.body),
    }),
    'utf8',
  );

/** Issue 10 item 5: no sender, however hostile, can make anyone's pull exceed Lambda's limit. */
export function describeResponseSize(name: string, makeStore: StoreFactory) {
  describe(`response size on ${name}`, () => {
    it('refuses control characters, and pages the worst allowed bodies under the limit, each once', async () => {
      const clock = manualClock();
      const store = await makeStore(clock.now);
      const core = createSyncCore({ store, now: clock.now, contactWritesPerMinute: 1000 });
      const call = async (me: string, mutations: MutationInput[], cursor: string | null = null) => {
        const res = await processSync(
          core,
          me,
          JSON.stringify({ v: 1, clientId: randomUUID(), cursor, mutations }),
        );
        expect(res.statusCode).toBe(200);
        expect(payloadSize(res)).toBeLessThan(LAMBDA_LIMIT);
        return { res, body: res.body as SyncResponse };
      };
      const stranger = 'mallory@example.com';
      // The attack of the issue: refused with a clear error naming the field, nothing stored.
      const control = await call(stranger, [send(alice, '\u0001'.repeat(4000))]);
      expect(control.body.results[0]).toMatchObject({
        status: 'rejected',
        error: { code: 'invalid', message: expect.stringMatching(/^body: .*control characters/) },
      });
      // The worst allowed: `"` and `\` escape to 4 bytes each in Lambda's payload.
      const worst = ['"'.repeat(4000), '\\'.repeat(4000), `${'"\\'.repeat(1999)}😀`];
      const sent: string[] = [];
      // 16 requests of 25 (a request body is at most 256 KB): 400 messages, ~6.4 MB as sent.
      for (let batch = 0; batch < 16; batch++) {
        const mutations = Array.from({ length: 25 }, (_, i) => {
          const body = `${batch}-${i}${(worst[i % 3] as string).slice(6)}`;
          sent.push(body);
          return send(alice, body);
        });
        const res = await call(stranger, mutations);
        expect(res.body.results.every((r) => r.status === 'applied')).toBe(true);
        clock.advance(1000);
      }
      // Many contacts with the longest names that escape worst.
      const contacts: MutationInput[] = Array.from({ length: 300 }, (_, i) => ({
        id: v7(),
        type: 'contact.add',
        email: `${'c'.repeat(60)}${i}@${'d'.repeat(60)}.example.com`,
        name: '"'.repeat(100),
      }));
      for (let i = 0; i < contacts.length; i += 100) await call(alice, contacts.slice(i, i + 100));
      clock.advance(10_000);
      // A new device of the victim pages through everything.
      const seen: string[] = [];
      const emails = new Set<string>();
      let cursor: string | null = null;
      let pages = 0;
      for (;;) {
        const { body } = await call(alice, [], cursor);
        pages++;
        for (const m of body.changes.messages) seen.push(m.body);
        for (const c of body.changes.contacts) emails.add(c.email);
        cursor = body.cursor;
        if (!body.more) break;
        expect(pages).toBeLessThan(50);
      }
      expect(pages).toBeGreaterThan(1);
      expect(seen.length).toBe(sent.length);
      expect(new Set(seen).size).toBe(sent.length);
      expect([...seen].sort()).toEqual([...sent].sort());
      expect(emails.size).toBe(301);
    }, 120_000);
  });
}
