import type { Message } from '@chatscape/sync-api/protocol';
import {
  type ChatDb,
  type LocalContact,
  type LocalMessage,
  removeCleared,
  resummarizePeer,
} from '../db/index.ts';

/**
 * A chat deleted on another of the user's devices: a pulled `clearedAt` past this device's
 * removes the messages stamped at or before it here. Call inside the answer's transaction,
 * after the rows are stored.
 */
export async function applyClears(
  db: ChatDb,
  contacts: readonly LocalContact[],
  before: ReadonlyMap<string, LocalContact | undefined>,
): Promise<void> {
  for (const contact of contacts) {
    const clearedAt = contact.clearedAt;
    if (clearedAt === undefined) continue;
    const local = before.get(contact.email);
    if (local?.clearedAt !== undefined && local.clearedAt >= clearedAt) continue;
    await removeCleared(db, contact.email, clearedAt);
  }
}

/**
 * The pulled messages that are not in a deleted part of their chat: a message stamped at or
 * before its conversation's `clearedAt` is never stored again (the overlap window, a full
 * resync, another device's late pull). One of them may be here already without its stamp: a
 * message this device sent, acknowledged, whose stamp only comes with this pull, so the clear
 * (another device's) could not tell it was covered. It goes now. Call inside the answer's
 * transaction.
 */
export async function withoutCleared(db: ChatDb, messages: Message[]): Promise<Message[]> {
  const peerOf = (m: Message) => (m.sender === db.self ? m.recipient : m.sender);
  const peers = [...new Set(messages.map(peerOf))];
  const contacts = await db.contacts.bulkGet(peers);
  const cleared = new Map(peers.map((p, i) => [p, contacts[i]?.clearedAt ?? -1]));
  if ([...cleared.values()].every((c) => c < 0)) return messages;
  const kept: Message[] = [];
  const dropped: Message[] = [];
  for (const m of messages)
    (m.serverTime > (cleared.get(peerOf(m)) ?? -1) ? kept : dropped).push(m);
  if (dropped.length > 0) {
    const here = await db.messages.bulkGet(dropped.map((m) => m.id));
    const stale = here.filter((m): m is LocalMessage => m !== undefined && m.serverTime === null);
    if (stale.length > 0) {
      await db.messages.bulkDelete(stale.map((m) => m.id));
      for (const peer of new Set(stale.map((m) => m.peer))) await resummarizePeer(db, peer);
    }
  }
  return kept;
}
