import type { Message } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import {
  ChatDb,
  drainWordBacklog,
  getMeta,
  INLINE_WORDS_MAX,
  indexWordBacklog,
  sendMessage,
  wordBacklog,
  wordsBehind,
} from '../db/index.ts';
import { wordsOf } from '../search/words.ts';
import { applyResponse } from './apply-response.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
let n = 0;
/** Backlog chunks in these tests (the app's are BACKLOG_CHUNK). */
const CHUNK = 50;

const pulled = (count: number, word: string): Message[] =>
  Array.from({ length: count }, () => {
    n += 1;
    return {
      id: crypto.randomUUID(),
      sender: BOB,
      recipient: ALICE,
      body: `${word} number ${n} Café`,
      sentAt: n,
      serverTime: n,
    };
  });

const answer = (messages: Message[], more = false) => ({
  results: [],
  changes: { contacts: [], messages },
  cursor: `c${n}`,
  more,
});

/** The search contract: messages whose words start with a folded prefix. */
const found = async (db: ChatDb, prefix: string) =>
  (await db.messages.where('words').startsWith(prefix).distinct().primaryKeys()).length;

/** Messages at or below the watermark whose words are not those of their body: must be none. */
async function unindexedBelowMark(db: ChatDb): Promise<string[]> {
  const mark = (await getMeta(db, 'wordsIndexedUpTo')) ?? 0;
  const rows = await db.messages.where('arrival').belowOrEqual(mark).toArray();
  return rows
    .filter((m) => JSON.stringify(m.words) !== JSON.stringify(wordsOf(m.body)))
    .map((m) => m.body);
}

const open = (name: string) => new ChatDb(name, ALICE);

describe('the search index backlog', () => {
  it('a big page leaves its words to the backlog; a crash before it is worked off loses none', async () => {
    const name = `backlog-${crypto.randomUUID()}`;
    let db = open(name);
    await applyResponse(db, [], answer(pulled(120, 'harbour'), true), 1);
    // Stored, but not yet found: the apply did not pay for the *words index.
    expect(await db.messages.count()).toBe(120);
    expect(await found(db, 'harb')).toBe(0);
    expect(await wordBacklog(db)).toBe(120);
    expect(await unindexedBelowMark(db)).toEqual([]);
    // One chunk, then the tab dies.
    expect(await indexWordBacklog(db, CHUNK)).toBe(true);
    expect(await found(db, 'harb')).toBe(CHUNK);
    db.close();
    // The next start resumes from the watermark.
    db = open(name);
    expect(await wordsBehind(db)).toBe(true);
    await drainWordBacklog(db, undefined, CHUNK);
    expect(await found(db, 'harb')).toBe(120);
    expect(await found(db, 'cafe')).toBe(120);
    expect(await wordsBehind(db)).toBe(false);
    expect(await unindexedBelowMark(db)).toEqual([]);
    db.close();
  });

  it('a chunk that fails half-way changes nothing; the next run indexes all of it', async () => {
    const db = open(`backlog-${crypto.randomUUID()}`);
    await applyResponse(db, [], answer(pulled(100, 'lantern')), 1);
    let calls = 0;
    const failing = (body: string) => {
      calls += 1;
      if (calls === 50) throw new Error('the tab closed');
      return wordsOf(body);
    };
    await expect(indexWordBacklog(db, 500, failing)).rejects.toThrow('the tab closed');
    expect(await found(db, 'lant')).toBe(0);
    expect((await getMeta(db, 'wordsIndexedUpTo')) ?? 0).toBe(0);
    expect(await unindexedBelowMark(db)).toEqual([]);
    await drainWordBacklog(db, undefined, CHUNK);
    expect(await found(db, 'lant')).toBe(100);
    expect(await unindexedBelowMark(db)).toEqual([]);
  });

  it('small pages and the user\u2019s own sends are found at once, and leave no backlog', async () => {
    const db = open(`backlog-${crypto.randomUUID()}`);
    await applyResponse(db, [], answer(pulled(INLINE_WORDS_MAX, 'meadow')), 1);
    expect(await found(db, 'mead')).toBe(INLINE_WORDS_MAX);
    expect(await wordsBehind(db)).toBe(false);
    await sendMessage(db, BOB, 'Crème brûlée tonight?');
    expect(await found(db, 'creme')).toBe(1);
    // The overlap window re-sending a page keeps its words; a backlog left before is kept.
    const big = pulled(INLINE_WORDS_MAX + 1, 'orchard');
    await applyResponse(db, [], answer(big), 2);
    await applyResponse(db, [], answer([...big.slice(0, 10), ...pulled(1, 'orchard')]), 3);
    expect(await found(db, 'orch')).toBe(1); // the small page's new one only
    expect(await wordsBehind(db)).toBe(true);
    await drainWordBacklog(db);
    expect(await found(db, 'orch')).toBe(INLINE_WORDS_MAX + 2);
    expect(await found(db, 'mead')).toBe(INLINE_WORDS_MAX);
    expect(await unindexedBelowMark(db)).toEqual([]);
  });
});
