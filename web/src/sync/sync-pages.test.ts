import type { Message } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import { type ChatDb, getMeta, PULL_CURSOR, totalUnread } from '../db/index.ts';
import { createMemoryLock } from '../lib/locks.ts';
import { freshDb } from '../test/db.ts';
import { type Answer, ScriptedTransport } from '../test/scripted-transport.ts';
import { SyncError, syncErrorCodes } from './errors.ts';
import { syncOnce } from './sync-once.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

const page = (n: number, size: number, more: boolean): Answer => {
  const messages: Message[] = Array.from({ length: size }, (_, i) => ({
    id: crypto.randomUUID(),
    sender: BOB,
    recipient: ALICE,
    body: `page ${n} message ${i}`,
    sentAt: n * 1_000 + i,
    serverTime: n * 1_000 + i,
  }));
  return () => ({ results: [], changes: { contacts: [], messages }, cursor: `p${n}`, more });
};

function run(db: ChatDb, answers: Answer[]) {
  const transport = new ScriptedTransport(answers);
  const done = syncOnce({
    db,
    transport,
    getToken: async () => 'token',
    lock: createMemoryLock(),
    now: () => 5_000,
  });
  return { transport, done };
}

describe('a long pull writes several pages per transaction', () => {
  it('holds pages back and applies them together: every message, each request on the last cursor', async () => {
    const db = freshDb(ALICE);
    const seenBefore: number[] = [];
    // While page 3 is requested, pages 1 and 2 are still held (not written).
    const counting =
      (n: number, more: boolean): Answer =>
      async (request) => {
        seenBefore.push(await db.messages.count());
        return page(n, 400, more)(request);
      };
    const { transport, done } = run(db, [
      counting(1, true),
      counting(2, true),
      counting(3, true),
      counting(4, true),
      counting(5, true),
      counting(6, false),
    ]);
    expect(await done).toMatchObject({ kind: 'ok', received: 2_400 });
    expect(transport.requests.map((r) => r.cursor)).toEqual([null, 'p1', 'p2', 'p3', 'p4', 'p5']);
    // 400-message pages, at most 2,000 held: pages 1-4 wait, page 5 is written with them.
    expect(seenBefore).toEqual([0, 0, 0, 0, 0, 2_000]);
    expect(await db.messages.count()).toBe(2_400);
    expect(await getMeta(db, PULL_CURSOR)).toBe('p6');
    expect(await getMeta(db, 'initialSyncDone')).toBe(true);
    expect(await totalUnread(db)).toBe(0); // a first sync is history
  });

  it('a failure mid-pull writes what was held first: nothing pulled is lost, the next run resumes', async () => {
    const db = freshDb(ALICE);
    const offline: Answer = () => {
      throw new SyncError(syncErrorCodes.network, 'offline');
    };
    const first = run(db, [page(1, 10, true), page(2, 10, true), offline]);
    expect(await first.done).toMatchObject({ kind: 'failed' });
    expect(await db.messages.count()).toBe(20);
    expect(await getMeta(db, PULL_CURSOR)).toBe('p2');
    expect(await getMeta(db, 'initialSyncDone')).not.toBe(true);
    const second = run(db, [page(3, 10, false)]);
    expect(await second.done).toMatchObject({ kind: 'ok' });
    expect(second.transport.requests[0]?.cursor).toBe('p2');
    expect(await db.messages.count()).toBe(30);
  });
});
