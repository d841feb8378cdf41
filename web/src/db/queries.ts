import { Dexie } from 'dexie';
import type { ChatDb } from './schema.ts';
import { conversationRange, countUnreadFromScratch } from './summary.ts';
import type { LastMessage, LocalContact, LocalMessage, OutboxRow } from './types.ts';

/** Read functions for live queries (`useLiveQuery(() => query(db))`): they only read. */

export interface ContactSummary {
  contact: LocalContact;
  last: LastMessage | undefined;
  unread: number;
}

/** The unread count shown for a contact: its counter (db/summary.ts), none while blocked. */
export const unreadOf = (contact: LocalContact): number =>
  contact.blocked ? 0 : (contact.unread ?? 0);

/**
 * Incoming messages that arrived after the conversation's read marker (readArrival), whatever
 * their server stamp, counted from the messages: a late message stamped before ones already
 * read still counts. What the stored counter always equals (the list reads the counter).
 */
export async function countUnread(db: ChatDb, contact: LocalContact): Promise<number> {
  if (contact.blocked) return 0;
  return countUnreadFromScratch(db, contact.email, contact.readArrival);
}

/**
 * Every contact, newest activity first, with its last message and unread count: one indexed
 * read, since the summary is kept on the contact row.
 */
export async function listContactSummaries(db: ChatDb): Promise<ContactSummary[]> {
  const contacts = await db.contacts.orderBy('lastActivity').reverse().toArray();
  return contacts.map((contact) => ({ contact, last: contact.last, unread: unreadOf(contact) }));
}

/** A conversation in display order: serverTime then id, unsent messages last. */
export function listConversation(db: ChatDb, peer: string): Promise<LocalMessage[]> {
  return conversationRange(db, peer).toArray();
}

/** The [rank, id] of a message: where a conversation window starts. */
export type ConversationCursor = readonly [rank: number, id: string];

export interface ConversationWindow {
  /** Display order, like listConversation. */
  messages: LocalMessage[];
  /** Whether the conversation holds messages older than the first of `messages`. */
  hasOlder: boolean;
}

export const cursorOf = (m: LocalMessage): ConversationCursor => [m.rank, m.id];

/**
 * The newest `limit` messages of a conversation: a reverse, limited walk of [peer+rank+id], so
 * opening a 10,000-message conversation reads ~limit rows, not all of them.
 */
export async function listRecentMessages(
  db: ChatDb,
  peer: string,
  limit: number,
): Promise<ConversationWindow> {
  const newest = await conversationRange(db, peer)
    .reverse()
    .limit(limit + 1)
    .toArray();
  const hasOlder = newest.length > limit;
  if (hasOlder) newest.pop();
  return { messages: newest.reverse(), hasOlder };
}

/**
 * Every message from `from` (inclusive) to the newest, in display order. Unlike a limit, this
 * window never slides when messages arrive, so rows the user is reading stay put.
 */
export function listMessagesFrom(
  db: ChatDb,
  peer: string,
  from: ConversationCursor,
): Promise<LocalMessage[]> {
  return db.messages
    .where('[peer+rank+id]')
    .between([peer, from[0], from[1]], [peer, Dexie.maxKey], true, false)
    .toArray();
}

/**
 * Where a window `count` messages older than `before` starts, and whether anything is older
 * still; null when nothing is older than `before`.
 */
export async function findOlderStart(
  db: ChatDb,
  peer: string,
  before: ConversationCursor,
  count: number,
): Promise<{ from: ConversationCursor; hasOlder: boolean } | null> {
  const keys = await db.messages
    .where('[peer+rank+id]')
    .between([peer], [peer, before[0], before[1]], true, false)
    .reverse()
    .limit(count + 1)
    .keys();
  const start = keys[Math.min(count, keys.length) - 1] as [string, number, string] | undefined;
  if (!start) return null;
  return { from: [start[1], start[2]], hasOlder: keys.length > count };
}

/** The app badge: the sum of the contacts' counters. */
export async function totalUnread(db: ChatDb): Promise<number> {
  let total = 0;
  await db.contacts.each((contact) => {
    total += unreadOf(contact);
  });
  return total;
}

/**
 * Background bookkeeping the user did not ask to send: receipts (sent as soon as possible,
 * superseded by the next one) and draft copies for the other devices (the text stays in this
 * device's box). Not counted as "waiting to send".
 */
export const isBackgroundMutation = (row: Pick<OutboxRow, 'type'>) =>
  row.type.startsWith('receipt.') || row.type === 'draft.set';

/** Mutations not yet accepted by the server (queued or failed): what sign-out would lose. */
export function countUnsent(db: ChatDb): Promise<number> {
  return db.outbox.filter((row) => !isBackgroundMutation(row)).count();
}

/** Queued mutations the user made and sees as "waiting to send". */
export function countWaiting(db: ChatDb): Promise<number> {
  return db.outbox
    .where('status')
    .equals('queued')
    .filter((row) => !isBackgroundMutation(row))
    .count();
}

/** Whether anything at all is queued (receipts and drafts included): worth a flush. */
export async function hasQueued(db: ChatDb): Promise<boolean> {
  return (await db.outbox.where('status').equals('queued').count()) > 0;
}

/** Rejected contact actions (failed messages show in their conversation instead). */
export function listFailedActions(db: ChatDb): Promise<OutboxRow[]> {
  return db.outbox
    .where('status')
    .equals('failed')
    .filter((row) => row.type !== 'message.send')
    .toArray();
}
