import type { Message } from '@chatscape/sync-api/protocol';
import {
  type ChatDb,
  conversationRange,
  getMeta,
  INLINE_WORDS_MAX,
  type LocalContact,
  type LocalMessage,
  lastOf,
  mergePulled,
  newContact,
  setMeta,
  sortsAfter,
} from '../db/index.ts';
import { withoutCleared } from './apply-chats.ts';
import { arrivedUnread, queueDelivered } from './apply-read-state.ts';

/**
 * Upserts a page of pulled messages by id. A page holds up to 500 messages: a handful of bulk
 * requests per page, not three awaited requests per message (the benchmark's "apply a
 * 10,000-message pull"). A message stored here for the first time gets the next arrival
 * number; one already here keeps its own, so the overlap window re-sending it changes
 * nothing. What the first sync brings is history, and counts as read.
 */
export async function applyMessages(
  db: ChatDb,
  pulled: Message[],
  firstSync: boolean,
  now: number,
): Promise<void> {
  if (pulled.length === 0) return;
  // A deleted chat's messages never come back (sync/apply-chats.ts).
  const messages = await withoutCleared(db, pulled);
  if (messages.length === 0) return;
  // Deleted for me (here or on another of my devices): a copy pulled again stays gone.
  const removed = await db.removed.bulkGet(messages.map((m) => m.id));
  if (removed.some(Boolean))
    return applyMessages(
      db,
      messages.filter((_, i) => !removed[i]),
      firstSync,
      now,
    );
  const known = await db.messages.bulkGet(messages.map((m) => m.id));
  let seq = (await getMeta(db, 'arrivalSeq')) ?? 0;
  const seqBefore = seq;
  const fresh = new Set<string>();
  // A big page leaves its new messages' words to the backlog (db/word-backlog.ts); a message
  // already here keeps the words it has unless an edit or delete changed its body.
  const deferWords = messages.length - known.filter(Boolean).length > INLINE_WORDS_MAX;
  const rows: LocalMessage[] = messages.map((m, i) => {
    const before = known[i];
    if (!before) fresh.add(m.id);
    const arrival = before ? before.arrival : ++seq;
    const words = before ? before.words : deferWords ? [] : undefined;
    const row: LocalMessage = {
      ...m,
      peer: m.sender === db.self ? m.recipient : m.sender,
      rank: m.serverTime,
      state: 'sent',
      ...(arrival !== undefined && { arrival }),
      ...(words !== undefined && { words }),
    };
    // Edits and deletes: the newer text wins and a delete stays (db/lifecycle.ts).
    return before ? mergePulled(before, row) : row;
  });
  await db.messages.bulkPut(rows);
  await setMeta(db, 'arrivalSeq', seq);
  // Indexed here with no backlog before them: the watermark follows (no idle work for them).
  if (!deferWords && ((await getMeta(db, 'wordsIndexedUpTo')) ?? 0) === seqBefore) {
    await setMeta(db, 'wordsIndexedUpTo', seq);
  }
  // The server has them, so their sends are done, whatever became of the answers to them.
  const ids = rows.map((row) => row.id);
  await db.outbox.bulkDelete(await db.outbox.where('id').anyOf(ids).primaryKeys());
  await updateContacts(db, rows, fresh, firstSync ? seq : null, now);
}

interface PeerPage {
  first: LocalMessage;
  newest: LocalMessage;
  /** Incoming messages stored here for the first time, in arrival order. */
  arrived: LocalMessage[];
  ids: Set<string>;
}

function byPeer(rows: LocalMessage[], fresh: Set<string>, self: string): Map<string, PeerPage> {
  const pages = new Map<string, PeerPage>();
  for (const row of rows) {
    let page = pages.get(row.peer);
    if (!page) {
      page = { first: row, newest: row, arrived: [], ids: new Set() };
      pages.set(row.peer, page);
    }
    if (sortsAfter(row, page.newest)) page.newest = row;
    if (fresh.has(row.id) && row.sender !== self) page.arrived.push(row);
    page.ids.add(row.id);
  }
  return pages;
}

/**
 * The contacts of the page's messages in one bulkGet and one bulkPut: a message from someone
 * not in the contacts yet makes a row for them (a request if incoming), and each summary takes
 * the page in. New arrivals are after the read marker, so each new incoming message is one
 * more unread; on a first sync (`readUpTo`, the last arrival number) everything is history,
 * read. The stored last message is the newest unless the page re-sent it (our pending message
 * now stamped, which may move it up): only then is the conversation's newest read again.
 */
async function updateContacts(
  db: ChatDb,
  rows: LocalMessage[],
  fresh: Set<string>,
  readUpTo: number | null,
  now: number,
) {
  const pages = byPeer(rows, fresh, db.self);
  const peers = [...pages.keys()];
  const stored = await db.contacts.bulkGet(peers);
  const next = await Promise.all(
    peers.map(async (peer, i): Promise<LocalContact> => {
      const page = pages.get(peer) as PeerPage;
      const contact = stored[i] ?? {
        ...newContact(peer, now),
        request: page.first.sender !== db.self,
      };
      const last = contact.last;
      const reread = last !== undefined && page.ids.has(last.id);
      const newest = reread
        ? await conversationRange(db, peer).last()
        : last && !sortsAfter(page.newest, last)
          ? undefined
          : page.newest;
      const summary: LocalContact = {
        ...contact,
        ...(newest && { last: lastOf(newest) }),
        ...(readUpTo === null
          ? arrivedUnread(contact, page.arrived)
          : { unread: 0, readArrival: readUpTo }),
      };
      return queueDelivered(db, summary, page.arrived, now);
    }),
  );
  await db.contacts.bulkPut(next);
}
