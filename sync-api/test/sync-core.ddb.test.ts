import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite } from './dynalite.ts';
import { alice, bob, harness, manualClock, randomUUID, send } from './harness.ts';
import { describeResponseSize } from './response-size.ts';
import { describeBatchedSlowWrites, describeSyncBatching } from './sync-batching.ts';
import { describeSyncBehaviours } from './sync-behaviours.ts';
import { describeSlowWrites, describeSyncRaces } from './sync-races.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

describeSyncBehaviours('DynamoDB (dynalite)', () => db.freshStore());
describeSyncBatching(
  'DynamoDB (dynalite)',
  () => db.freshStore(),
  () => db.counter.requests,
);

describe('DynamoDB cost', () => {
  it('an idle pull is exactly one DynamoDB request whatever the history', async () => {
    const clock = manualClock();
    const h = harness(await db.freshStore(), { now: clock.now });
    const a = h.device(alice);
    for (let i = 0; i < 10; i++) {
      await a.push(Array.from({ length: 10 }, (_, j) => send(`p${j}@example.com`, `m${i}-${j}`)));
    }
    clock.advance(60_000);
    await a.drain();
    const before = db.counter.requests;
    const idle = await a.pullOnce([]);
    expect(db.counter.requests - before).toBe(1);
    expect(idle.changes).toEqual({ contacts: [], messages: [] });
  });

  it('a pull with news reads only the conversations that moved', async () => {
    const clock = manualClock();
    const h = harness(await db.freshStore(), { now: clock.now });
    const a = h.device(alice);
    await a.push(Array.from({ length: 20 }, (_, j) => send(`p${j}@example.com`, `hello ${j}`)));
    clock.advance(60_000);
    await a.drain();
    await h.device(bob).push([send(alice, 'news', randomUUID())]);
    const before = db.counter.requests;
    const pulled = await a.pullOnce([]);
    // One contacts-index query, one conversation query, and one strongly consistent read of
    // the row whose block log judges the incoming messages (the index may be behind a block).
    expect(db.counter.requests - before).toBe(3);
    expect(pulled.changes.messages.map((m) => m.body)).toEqual(['news']);
  });
});

describeSyncRaces('DynamoDB (dynalite)', () => db.freshStore());
describeSlowWrites('DynamoDB (dynalite)', () => db.freshStore());
describeBatchedSlowWrites('DynamoDB (dynalite)', () => db.freshStore());
describeResponseSize('DynamoDB (dynalite)', () => db.freshStore());
