import { wordsOf } from '../search/words.ts';
import { getMeta, setMeta } from './meta.ts';
import type { ChatDb } from './schema.ts';

/**
 * The search index's backlog. A big pulled page (a first sync, a catch-up) is stored with its
 * new messages' `words` empty, which keeps the *words index out of the apply (it costs about
 * half again on every bulk write); they are indexed afterwards, at idle time, in chunks.
 * What is done is a watermark on the arrival number (meta `wordsIndexedUpTo`): every message
 * that arrived at or before it has its words. A chunk computes the words of the next messages
 * above the watermark and moves it past them in one transaction, so a crash at any point
 * leaves each message either indexed or still above the watermark, to be done on the next
 * run: none is ever left out. Messages without an arrival number (the user's own sends) and
 * small pages are indexed in their own write (searchIndexMiddleware), as before.
 */

/** Pages with more new messages than this leave their words to the backlog. */
export const INLINE_WORDS_MAX = 50;
/**
 * Messages indexed per backlog transaction. Small, since a chunk holds the messages store: a
 * send waits for the chunk in progress (the bench at 100,000 messages saw ~220 ms per 500).
 */
export const BACKLOG_CHUNK = 100;

/** Messages above the watermark (arrived, their words maybe not computed yet). */
export async function wordBacklog(db: ChatDb): Promise<number> {
  const mark = (await getMeta(db, 'wordsIndexedUpTo')) ?? 0;
  return db.messages.where('arrival').above(mark).count();
}

/** Whether anything arrived after the watermark: cheap (two meta rows), for a live query. */
export async function wordsBehind(db: ChatDb): Promise<boolean> {
  const seq = (await getMeta(db, 'arrivalSeq')) ?? 0;
  return seq > ((await getMeta(db, 'wordsIndexedUpTo')) ?? 0);
}

/**
 * Indexes the next chunk above the watermark and moves the watermark past it, in one
 * transaction. Returns whether more is left. `words` is for tests (a failing chunk).
 */
export async function indexWordBacklog(
  db: ChatDb,
  chunk: number = BACKLOG_CHUNK,
  words: (body: string) => string[] = wordsOf,
): Promise<boolean> {
  return db.transaction('rw', [db.messages, db.meta], async () => {
    const mark = (await getMeta(db, 'wordsIndexedUpTo')) ?? 0;
    const rows = await db.messages.where('arrival').above(mark).limit(chunk).toArray();
    const last = rows.at(-1)?.arrival;
    if (last === undefined) {
      // Nothing above it: every arrived message is indexed, so the watermark catches up.
      const seq = (await getMeta(db, 'arrivalSeq')) ?? 0;
      if (seq > mark) await setMeta(db, 'wordsIndexedUpTo', seq);
      return false;
    }
    await db.messages.bulkPut(rows.map((m) => ({ ...m, words: words(m.body) })));
    await setMeta(db, 'wordsIndexedUpTo', last);
    return rows.length === chunk;
  });
}

/** Works the backlog off, chunk by chunk, each when `idle` says so. */
export async function drainWordBacklog(
  db: ChatDb,
  idle: () => Promise<void> = () => Promise.resolve(),
  chunk: number = BACKLOG_CHUNK,
): Promise<void> {
  for (let more = true; more; ) {
    await idle();
    more = await indexWordBacklog(db, chunk);
  }
}
