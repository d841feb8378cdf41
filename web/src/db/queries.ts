import { Dexie } from 'dexie';
import type { ChatDb } from './schema.ts';
import {
  type LocalContact,
  type LocalMessage,
  type OutboxRow,
  PENDING_RANK_BASE,
} from './types.ts';

/** Read functions for live queries (`useLiveQuery(() => query(db))`): they only read. */

export interface ContactSummary {
  contact: LocalContact;
  last: LocalMessage | undefined;
  unread: number;
}

// [peer] sorts before and [peer, maxKey] after every [peer, rank, id]. (One key must not hold
// the same array object twice, so maxKey appears once.)
const conversationRange = (db: ChatDb, peer: string) =>
  db.messages.where('[peer+rank+id]').between([peer], [peer, Dexie.maxKey]);

/** Incoming messages stamped after the conversation's lastReadAt. */
export function countUnread(db: ChatDb, contact: LocalContact): Promise<number> {
  if (contact.blocked) return Promise.resolve(0);
  return db.messages
    .where('[peer+rank+id]')
    .between([contact.email, contact.lastReadAt, Dexie.maxKey], [contact.email, PENDING_RANK_BASE])
    .filter((m) => m.sender !== db.self)
    .count();
}

/** Every contact, newest activity first, with its last message and unread count. */
export async function listContactSummaries(db: ChatDb): Promise<ContactSummary[]> {
  const contacts = await db.contacts.orderBy('lastActivity').reverse().toArray();
  return Promise.all(
    contacts.map(async (contact) => ({
      contact,
      last: await conversationRange(db, contact.email).last(),
      unread: await countUnread(db, contact),
    })),
  );
}

/** A conversation in display order: serverTime then id, unsent messages last. */
export function listConversation(db: ChatDb, peer: string): Promise<LocalMessage[]> {
  return conversationRange(db, peer).toArray();
}

export async function totalUnread(db: ChatDb): Promise<number> {
  const contacts = await db.contacts.toArray();
  const counts = await Promise.all(contacts.map((c) => countUnread(db, c)));
  return counts.reduce((a, b) => a + b, 0);
}

/** Mutations not yet accepted by the server (queued or failed): what sign-out would lose. */
export function countUnsent(db: ChatDb): Promise<number> {
  return db.outbox.count();
}

/** Rejected contact actions (failed messages show in their conversation instead). */
export function listFailedActions(db: ChatDb): Promise<OutboxRow[]> {
  return db.outbox
    .where('status')
    .equals('failed')
    .filter((row) => row.type !== 'message.send')
    .toArray();
}
