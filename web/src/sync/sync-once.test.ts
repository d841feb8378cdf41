import { describe, expect, it } from 'vitest';
import {
  addContact,
  blockContact,
  getMeta,
  PULL_CURSOR,
  sendMessage,
  setMeta,
} from '../db/index.ts';
import { createMemoryLock } from '../lib/locks.ts';
import { freshDb } from '../test/db.ts';
import { type Answer, acceptAll, ScriptedTransport } from '../test/scripted-transport.ts';
import { SyncError } from './errors.ts';
import { readSyncAnswer } from './read-response.ts';
import { syncOnce } from './sync-once.ts';
import type { SyncTransport } from './transport.ts';

const BOB = 'bob@example.com';

function setup(answers: Answer[], token: string | null = 'token-1') {
  const db = freshDb('alice@example.com');
  const transport = new ScriptedTransport(answers);
  const run = () =>
    syncOnce({
      db,
      transport,
      getToken: async () => token,
      lock: createMemoryLock(),
      now: () => 5000,
    });
  return { db, transport, run };
}

const failWith =
  (status: number, retryAfter: string | null = null): Answer =>
  () =>
    readSyncAnswer(status, { message: `HTTP ${status}` }, retryAfter);

async function queueThree(db: ReturnType<typeof setup>['db']) {
  await addContact(db, { name: 'Bob', email: BOB }, 1000);
  await sendMessage(db, BOB, 'one', 1001);
  await sendMessage(db, BOB, 'two', 1002);
}

describe('syncOnce', () => {
  it('sends the outbox in order with the token, then empties it', async () => {
    const { db, transport, run } = setup([acceptAll()]);
    await queueThree(db);
    expect(await run()).toMatchObject({ kind: 'ok', accepted: 3 });
    const [request] = transport.requests;
    expect(request?.mutations.map((m) => m.type)).toEqual([
      'contact.add',
      'message.send',
      'message.send',
    ]);
    expect(request).toMatchObject({ v: 2, cursor: null });
    expect(transport.tokens).toEqual(['token-1']);
    expect(await db.outbox.count()).toBe(0);
    const states = (await db.messages.toArray()).map((m) => m.state);
    expect(states).toEqual(['sent', 'sent']);
    expect(await getMeta(db, 'status')).toMatchObject({ phase: 'idle', lastSyncAt: 5000 });
  });

  it('treats duplicate like applied (the server already had it)', async () => {
    const { db, run } = setup([acceptAll('duplicate')]);
    await queueThree(db);
    await run();
    expect(await db.outbox.count()).toBe(0);
    expect((await db.messages.toArray()).every((m) => m.state === 'sent')).toBe(true);
  });

  it('marks a rejected message failed with the reason and moves the queue on', async () => {
    const { db, run } = setup([
      (request) => ({
        ...acceptAll()(request),
        results: request.mutations.map((m, i) =>
          i === 1
            ? { id: m.id, status: 'rejected', error: { code: 'invalid', message: 'too long' } }
            : { id: m.id, status: 'applied' },
        ),
      }),
    ]);
    await queueThree(db);
    expect(await run()).toMatchObject({ kind: 'ok', accepted: 2, rejected: 1 });
    const [one, two] = (await db.messages.toArray()).sort((a, b) => a.sentAt - b.sentAt);
    expect(one).toMatchObject({ state: 'failed', error: { code: 'invalid', message: 'too long' } });
    expect(two?.state).toBe('sent');
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => [r.id, r.status])).toEqual([[one?.id, 'failed']]);
  });

  it('keeps a mutation queued when its status is one this client does not know', async () => {
    const { db, transport, run } = setup([
      (request) =>
        readSyncAnswer(
          200,
          {
            ...acceptAll('applied', true)(request),
            results: request.mutations.map((m, i) =>
              i === 1
                ? { id: m.id, status: 'rate_limited', retryAfter: 30 }
                : { id: m.id, status: 'applied' },
            ),
          },
          null,
        ),
      acceptAll(),
      acceptAll(),
    ]);
    await queueThree(db);
    const held = (await db.outbox.orderBy('seq').toArray())[1];
    expect(await run()).toMatchObject({ kind: 'ok', accepted: 2, deferred: 1 });
    // The rest of this run only pulls: the held mutation is not resent at once.
    expect(transport.requests.map((r) => r.mutations.length)).toEqual([3, 0]);
    const rows = await db.outbox.toArray();
    expect(rows.map((r) => [r.id, r.status])).toEqual([[held?.id, 'queued']]);
    expect((await db.messages.get(held?.id ?? ''))?.state).toBe('pending');
    expect(await run()).toMatchObject({ kind: 'ok', accepted: 1, deferred: 0 });
    expect(transport.requests[2]?.mutations.map((m) => m.id)).toEqual([held?.id]);
    expect(await db.outbox.count()).toBe(0);
  });

  it.each([
    [
      'a network error',
      (): never => {
        throw new SyncError('network', 'offline');
      },
      'offline',
    ],
    ['a 500', failWith(500), 'error'],
    ['a 503', failWith(503), 'error'],
    ['a 429', failWith(429, '7'), 'error'],
  ] as const)('keeps everything queued after %s', async (_name, answer, phase) => {
    const { db, run } = setup([answer as Answer]);
    await queueThree(db);
    const outcome = await run();
    expect(outcome.kind).toBe('failed');
    expect(await db.outbox.where('status').equals('queued').count()).toBe(3);
    expect((await db.messages.toArray()).every((m) => m.state === 'pending')).toBe(true);
    expect((await getMeta(db, 'status'))?.phase).toBe(phase);
  });

  it('reports Retry-After of a 429', async () => {
    const { db, run } = setup([failWith(429, '7')]);
    await queueThree(db);
    const outcome = await run();
    expect(outcome.kind === 'failed' && outcome.error.details.retryAfterMs).toBe(7000);
    expect((await getMeta(db, 'status'))?.retryAt).toBe(12_000);
  });

  it('on 401 keeps the queue and stops offering the refused token', async () => {
    const { db, run } = setup([failWith(401)]);
    await setMeta(db, 'token', { idToken: 'token-1', expiresAt: 1e13 });
    await queueThree(db);
    const outcome = await run();
    expect(outcome.kind === 'failed' && outcome.error.code).toBe('unauthorized');
    expect(await db.outbox.count()).toBe(3);
    expect(await getMeta(db, 'token')).toBeUndefined();
    expect((await getMeta(db, 'status'))?.phase).toBe('auth');
  });

  it('does not call the server without a token', async () => {
    const { db, transport, run } = setup([], null);
    await queueThree(db);
    expect((await run()).kind).toBe('failed');
    expect(transport.requests).toHaveLength(0);
    expect(await db.outbox.count()).toBe(3);
  });

  it('sends at most 100 mutations per request and pulls while more is true', async () => {
    const { db, transport, run } = setup([acceptAll(), acceptAll('applied', true), acceptAll()]);
    await addContact(db, { name: 'Bob', email: BOB });
    for (let i = 0; i < 149; i++) await blockContact(db, BOB, 2000 + i);
    await run();
    expect(transport.requests.map((r) => r.mutations.length)).toEqual([100, 50, 0]);
    const ids = transport.requests.flatMap((r) => r.mutations.map((m) => m.id));
    expect(new Set(ids).size).toBe(150);
    expect(transport.requests[1]?.cursor).toMatch(/^c/);
    expect(await db.outbox.count()).toBe(0);
  });

  it('two runs with no navigator.locks and no lock of their own never overlap', async () => {
    // Node has no Web Locks: this is the fallback a runtime without them gets.
    expect((globalThis.navigator as { locks?: unknown } | undefined)?.locks).toBeUndefined();
    const db = freshDb('alice@example.com');
    await queueThree(db);
    let inFlight = 0;
    let mostAtOnce = 0;
    const sent: string[] = [];
    const transport: SyncTransport = {
      async sync(request) {
        inFlight += 1;
        mostAtOnce = Math.max(mostAtOnce, inFlight);
        sent.push(...request.mutations.map((m) => m.id));
        // Yield to the event loop, so an overlapping run would get in here.
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return acceptAll()(request);
      },
    };
    const run = () => syncOnce({ db, transport, getToken: async () => 'token' });
    const outcomes = await Promise.all([run(), run()]);
    expect(outcomes.map((o) => o.kind)).toEqual(['ok', 'ok']);
    expect(mostAtOnce).toBe(1);
    expect(sent).toHaveLength(3);
    expect(new Set(sent).size).toBe(3);
  });

  it("never pulls from an old cached worker's protocol-1 cursor, nor moves it", async () => {
    // A worker cached from before protocol 2 shares this database during a rollout: its pulls
    // get no events, so its cursor has moved past edits and deletes this client needs.
    const { db, transport, run } = setup([acceptAll(), acceptAll()]);
    await setMeta(db, 'cursor', 'v1-moved-past-events');
    expect((await run()).kind).toBe('ok');
    const ours = await getMeta(db, PULL_CURSOR);
    expect(ours).toMatch(/^c/);
    expect(await getMeta(db, 'cursor')).toBe('v1-moved-past-events');
    await setMeta(db, 'cursor', 'v1-moved-again');
    await run();
    expect(transport.requests.map((r) => r.cursor)).toEqual([null, ours]);
  });

  it('drops a cursor the server refuses and pulls from the start', async () => {
    const { db, transport, run } = setup([
      () => {
        throw new SyncError('bad_request', 'cursor is invalid', {
          issues: [{ path: 'cursor', message: 'not a cursor returned by this server' }],
        });
      },
      acceptAll(),
    ]);
    await setMeta(db, PULL_CURSOR, 'stale');
    expect((await run()).kind).toBe('ok');
    expect(transport.requests.map((r) => r.cursor)).toEqual(['stale', null]);
  });
});
