import type { Message } from '@chatscape/sync-api/protocol';
import { type ChatDb, type LocalContact, removeCleared } from '../db/index.ts';

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
 * resync, another device's late pull).
 */
export async function withoutCleared(db: ChatDb, messages: Message[]): Promise<Message[]> {
  const peers = [...new Set(messages.map((m) => (m.sender === db.self ? m.recipient : m.sender)))];
  const contacts = await db.contacts.bulkGet(peers);
  const cleared = new Map(peers.map((p, i) => [p, contacts[i]?.clearedAt ?? -1]));
  if ([...cleared.values()].every((c) => c < 0)) return messages;
  return messages.filter(
    (m) => m.serverTime > (cleared.get(m.sender === db.self ? m.recipient : m.sender) ?? -1),
  );
}
