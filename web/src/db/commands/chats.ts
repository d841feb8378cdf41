import { nameSchema } from '@chatscape/sync-api/protocol';
import { Dexie } from 'dexie';
import { newId } from '../../lib/uuid.ts';
import { writeWithOutbox } from '../outbox.ts';
import type { ChatDb } from '../schema.ts';
import { countUnreadFromScratch, refreshLast } from '../summary.ts';
import { PENDING_RANK_BASE } from '../types.ts';
import { SELF_CONTACT_ERROR } from './add-contact.ts';
import { type CommandResult, fail, field, ok } from './result.ts';

/** Mutes or unmutes a conversation on all the user's devices: no notifications for it. */
export async function muteChat(db: ChatDb, peer: string, muted: boolean, now = Date.now()) {
  await writeWithOutbox(db, { id: newId(now), type: 'chat.mute', email: peer, muted }, now);
}

/**
 * Deletes a chat for me on all my devices: its messages the server has stamped go (here at
 * once, on the other devices when they pull the row's `clearedAt`), and none of them is ever
 * stored again; unsent ones stay. The contact stays. Returns whether there was anything to
 * delete.
 */
export async function clearChat(db: ChatDb, peer: string, now = Date.now()): Promise<boolean> {
  const newest = await db.messages
    .where('[peer+rank+id]')
    .between([peer], [peer, PENDING_RANK_BASE], true, false)
    .last();
  const before = newest?.serverTime ?? null;
  if (before === null) return false;
  await writeWithOutbox(db, { id: newId(now), type: 'chat.clear', email: peer, before }, now, () =>
    removeCleared(db, peer, before),
  );
  return true;
}

/**
 * Removes the messages of `peer` stamped at or before `before` and recomputes the summary.
 * Call inside a transaction on contacts and messages.
 */
export async function removeCleared(db: ChatDb, peer: string, before: number): Promise<void> {
  await db.messages
    .where('[peer+rank+id]')
    .between([peer], [peer, before, Dexie.maxKey], true, true)
    .filter((m) => m.serverTime !== null && m.serverTime <= before)
    .delete();
  await refreshLast(db, peer);
  const contact = await db.contacts.get(peer);
  if (!contact) return;
  const unread = await countUnreadFromScratch(db, peer, contact.readArrival);
  await db.contacts.update(peer, {
    unread,
    clearedAt: Math.max(contact.clearedAt ?? -1, before),
  });
}

/** Renames a contact (the name follows on all the user's devices: contact.add, newest wins). */
export async function renameContact(
  db: ChatDb,
  email: string,
  name: string,
  now = Date.now(),
): Promise<CommandResult> {
  if (email === db.self) return fail({ email: SELF_CONTACT_ERROR });
  const parsed = field(nameSchema, name);
  if ('error' in parsed) return fail({ name: parsed.error });
  await writeWithOutbox(
    db,
    { id: newId(now), type: 'contact.add', email, name: parsed.value },
    now,
  );
  return ok(undefined);
}
