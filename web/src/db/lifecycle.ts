import { editVersionOf } from '@chatscape/sync-api/protocol';
import type { ChatDb } from './schema.ts';
import { countUnreadFromScratch, refreshLast } from './summary.ts';
import type { LocalMessage, OutboxRow } from './types.ts';

/**
 * How edits and deletes land on this device's copy of a message, whoever made them (this
 * device's commands, or a pull: web/src/sync/apply-events.ts). Call inside a transaction on
 * messages, contacts and removed. The rules, the server's (sync-api core/message-events.ts):
 * - a delete is final: the body goes (and with it the search words), `deleted` stays set, and
 *   no edit or pulled copy brings text back;
 * - edits are last-writer-wins by version (editVersionOf: the edit id's UUIDv7 time, then the
 *   id), so the order in which edits and pulled copies arrive does not matter;
 * - a message deleted for me leaves only its id in `removed`: copies pulled later are dropped.
 */

export interface EditFields {
  body: string;
  editVersion: string;
  editedAt: number;
}

const newer = (version: string, current: LocalMessage) => (current.editVersion ?? '') < version;

/** The message with the edit, or null when the edit changes nothing (older, or deleted). */
export function withEdit(message: LocalMessage, edit: EditFields): LocalMessage | null {
  if (message.deleted || !newer(edit.editVersion, message)) return null;
  const { words: _words, ...rest } = message;
  // Without `words` the search middleware indexes the new body in the same write.
  return { ...rest, ...edit };
}

/** The tombstone: no body, no words, no edit text. */
export function asDeleted(message: LocalMessage): LocalMessage {
  const { words: _words, editVersion: _v, editedAt: _e, ...rest } = message;
  return { ...rest, body: '', deleted: true, words: [] };
}

/**
 * A pulled copy of a message this device has: the newer text wins and a delete stays. The
 * pulled copy may be older than what is here (the index lags, the overlap re-sends).
 */
export function mergePulled(before: LocalMessage, pulled: LocalMessage): LocalMessage {
  if (before.deleted || pulled.deleted) return asDeleted({ ...pulled, ...lifecycleOf(before) });
  const keepLocal = before.editVersion !== undefined && newer(before.editVersion, pulled);
  const merged = {
    ...(keepLocal ? { ...pulled, ...lifecycleOf(before) } : pulled),
    ...(before.edits !== undefined && { edits: before.edits }),
  };
  const { words: _words, ...rest } = merged;
  return merged.body === before.body && before.words ? { ...rest, words: before.words } : rest;
}

const lifecycleOf = (m: LocalMessage) => ({
  body: m.body,
  ...(m.editVersion !== undefined && { editVersion: m.editVersion, editedAt: m.editedAt }),
  ...(m.edits !== undefined && { edits: m.edits }),
});

export const versionOfEdit = editVersionOf;

/** Removes a message for me: the row goes, its id stays in `removed`. */
export async function removeForMe(db: ChatDb, message: LocalMessage): Promise<void> {
  await db.messages.delete(message.id);
  await db.removed.put({ id: message.id, peer: message.peer });
}

/** The summary after messages of `peer` changed or went: preview and unread again. */
export async function resummarizePeer(db: ChatDb, peer: string): Promise<void> {
  await refreshLast(db, peer);
  const contact = await db.contacts.get(peer);
  if (!contact) return;
  const unread = await countUnreadFromScratch(db, peer, contact.readArrival);
  if (unread !== (contact.unread ?? 0)) await db.contacts.update(peer, { unread });
}

/**
 * The server refused this device's edit, delete or hide (the window passed while offline, the
 * cap was reached on another device): the message goes back to how it was, unless something
 * newer changed it since. The failed outbox row stays, with Retry and Discard.
 */
export async function undoChange(db: ChatDb, row: OutboxRow): Promise<void> {
  const before = row.undo;
  if (!before) return;
  const now = await db.messages.get(before.id);
  if (row.type === 'message.hide') {
    if (now) return;
    await db.removed.delete(before.id);
    await db.messages.put(withoutWords(before));
  } else if (row.type === 'message.edit') {
    if (!now || now.deleted || now.editVersion !== versionOfEdit(row.id)) return;
    const restored: LocalMessage = { ...withoutWords(now), body: before.body };
    for (const key of ['editVersion', 'editedAt', 'edits'] as const) {
      if (before[key] === undefined) delete restored[key];
      else Object.assign(restored, { [key]: before[key] });
    }
    await db.messages.put(restored);
  } else if (row.type === 'message.delete') {
    if (!now?.deleted) return;
    await db.messages.put({ ...withoutWords(before), state: now.state });
  } else return;
  await resummarizePeer(db, before.peer);
}

const withoutWords = (m: LocalMessage): LocalMessage => {
  const { words: _words, ...rest } = m;
  return rest;
};
