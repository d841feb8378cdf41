import { Dexie } from 'dexie';
import type { ChatDb } from './schema.ts';
import type { LastMessage, LocalContact, LocalMessage, MessageState } from './types.ts';

/**
 * The per-contact summary (v4): `last`, the conversation's last message in display order (a
 * preview of it), and `unread`, how many incoming messages arrived after the read marker. Kept
 * on the contact row and changed in the same transaction as every message write, read and
 * delete, so the contact list is one indexed read and the badge a sum. Every writer of
 * messages calls one of the functions below inside its transaction (which must include
 * `contacts` and `messages`); `summaryDrift` recomputes everything from the messages, for
 * the tests and the simulator's checker.
 */

/** Characters of a message kept for the list's one-line preview. */
export const PREVIEW_LENGTH = 200;

// [peer] sorts before and [peer, maxKey] after every [peer, rank, id].
export const conversationRange = (db: ChatDb, peer: string) =>
  db.messages.where('[peer+rank+id]').between([peer], [peer, Dexie.maxKey]);

export function lastOf(m: LocalMessage): LastMessage {
  return {
    id: m.id,
    sender: m.sender,
    body: m.body.length > PREVIEW_LENGTH ? m.body.slice(0, PREVIEW_LENGTH) : m.body,
    state: m.state,
    serverTime: m.serverTime,
    sentAt: m.sentAt,
    rank: m.rank,
    ...(m.deleted && { deleted: true }),
  };
}

/** Whether `a` sorts after `b` in display order ([rank, id], as the index orders them). */
export const sortsAfter = (a: { rank: number; id: string }, b: { rank: number; id: string }) =>
  a.rank > b.rank || (a.rank === b.rank && a.id > b.id);

const sameLast = (a: LastMessage | undefined, b: LastMessage | undefined) =>
  a === b ||
  (a !== undefined &&
    b !== undefined &&
    a.id === b.id &&
    a.state === b.state &&
    a.rank === b.rank &&
    a.serverTime === b.serverTime &&
    a.body === b.body);

/**
 * The stored last message is the newest in display order, so after adding `message` the
 * newest is whichever of the two sorts last: no read needed.
 */
export function withAdded(contact: LocalContact, message: LocalMessage): LocalContact {
  if (contact.last && !sortsAfter(message, contact.last)) return contact;
  return { ...contact, last: lastOf(message) };
}

/** Reads the conversation's last message again (one indexed read): after a delete or re-key. */
export async function refreshLast(db: ChatDb, peer: string): Promise<void> {
  const [contact, newest] = await Promise.all([
    db.contacts.get(peer),
    conversationRange(db, peer).last(),
  ]);
  if (!contact) return;
  const last = newest && lastOf(newest);
  if (!sameLast(contact.last, last)) await db.contacts.update(peer, { last });
}

/** A message changed state (sent, failed): the preview follows when it is the last one. */
export async function noteState(
  db: ChatDb,
  peer: string,
  id: string,
  state: MessageState,
): Promise<void> {
  const contact = await db.contacts.get(peer);
  if (contact?.last?.id !== id || contact.last.state === state) return;
  await db.contacts.update(peer, { last: { ...contact.last, state } });
}

/**
 * Incoming messages that arrived after the read marker (`readArrival`), counted from the
 * messages themselves: what `unread` must always equal.
 */
export function countUnreadFromScratch(
  db: ChatDb,
  peer: string,
  readArrival: number | undefined,
): Promise<number> {
  return db.messages
    .where('[peer+arrival]')
    .between([peer, readArrival ?? 0], [peer, Dexie.maxKey], false)
    .filter((m) => m.sender !== db.self)
    .count();
}

/** The summary of one conversation computed from its messages. */
export async function summaryFromScratch(
  db: ChatDb,
  contact: LocalContact,
): Promise<Pick<LocalContact, 'last' | 'unread'>> {
  const [newest, unread] = await Promise.all([
    conversationRange(db, contact.email).last(),
    countUnreadFromScratch(db, contact.email, contact.readArrival),
  ]);
  return { last: newest && lastOf(newest), unread };
}

/**
 * Stores the summaries of `peers` computed from their messages: for rows written around the
 * commands (test fixtures, a repair); the commands themselves keep summaries incrementally.
 */
export async function resummarize(db: ChatDb, peers: string[]): Promise<void> {
  await db.transaction('rw', [db.contacts, db.messages], async () => {
    for (const contact of await db.contacts.bulkGet(peers)) {
      if (contact)
        await db.contacts.put({ ...contact, ...(await summaryFromScratch(db, contact)) });
    }
  });
}

/** Contacts whose stored summary differs from their messages' (empty when all is well). */
export async function summaryDrift(db: ChatDb): Promise<string[]> {
  return db.transaction('r', [db.contacts, db.messages], async () => {
    const problems: string[] = [];
    for (const contact of await db.contacts.toArray()) {
      const truth = await summaryFromScratch(db, contact);
      if ((contact.unread ?? 0) !== truth.unread) {
        problems.push(
          `${contact.email}: unread ${contact.unread ?? 0}, messages say ${truth.unread}`,
        );
      }
      if (!sameLast(contact.last, truth.last)) {
        const shown = (l: LastMessage | undefined) => (l ? `${l.id} (${l.state})` : 'none');
        problems.push(
          `${contact.email}: last ${shown(contact.last)}, messages say ${shown(truth.last)}`,
        );
      }
    }
    return problems;
  });
}
