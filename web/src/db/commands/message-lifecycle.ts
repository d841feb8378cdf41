import { lifecycleLimits, type Mutation, messageBodySchema } from '@chatscape/sync-api/protocol';
import { newId } from '../../lib/uuid.ts';
import { asDeleted, removeForMe, resummarizePeer, versionOfEdit, withEdit } from '../lifecycle.ts';
import { writeWithOutbox } from '../outbox.ts';
import type { ChatDb } from '../schema.ts';
import type { LocalMessage } from '../types.ts';
import { type CommandResult, fail, field, ok } from './result.ts';

/**
 * Edit, delete for everyone and delete for me: each writes its effect on the message, the
 * conversation's summary and its outbox mutation in one transaction (writeWithOutbox), so
 * it shows at once, works offline and is sent in order after the send it follows.
 * Only messages the server has stamped (state `sent`) are offered: an unsent one is still
 * the outbox's, and Retry/Discard apply to a failed one.
 */

const own = (db: ChatDb, m: LocalMessage) => m.sender === db.self && m.state === 'sent';
const age = (m: LocalMessage, now: number) => now - (m.serverTime ?? now);

/** Whether Edit is offered: own, sent, not deleted, within 24 h, fewer than 10 edits here. */
export const canEdit = (db: ChatDb, m: LocalMessage, now = Date.now()) =>
  own(db, m) &&
  !m.deleted &&
  age(m, now) <= lifecycleLimits.editWindowMs &&
  (m.edits ?? 0) < lifecycleLimits.maxEdits;

/** Whether "Delete for everyone" is offered: own, sent, not deleted, within 48 hours. */
export const canDeleteForEveryone = (db: ChatDb, m: LocalMessage, now = Date.now()) =>
  own(db, m) && !m.deleted && age(m, now) <= lifecycleLimits.deleteWindowMs;

/** The change, its outbox row and what to put back if the server refuses it, in one go. */
async function write(
  db: ChatDb,
  mutation: Mutation,
  now: number,
  before: LocalMessage,
  effect: () => Promise<void>,
) {
  const tables = [db.contacts, db.messages, db.outbox, db.drafts, db.removed];
  await db.transaction('rw', tables, async () => {
    await writeWithOutbox(db, mutation, now, effect);
    await db.outbox.where('id').equals(mutation.id).modify({ undo: before });
  });
}

const EDIT_TOO_LATE = 'This message can no longer be edited.';

/**
 * The body `text` gives `message` if it may be edited now, or why not: editMessage checks
 * with it, and the edit box asks it before it closes.
 */
export function checkEdit(
  db: ChatDb,
  message: LocalMessage | undefined,
  text: string,
  now: number = Date.now(),
): { value: string } | { error: string } {
  const body = field(messageBodySchema, text);
  if ('error' in body) return body;
  return message && canEdit(db, message, now) ? body : { error: EDIT_TOO_LATE };
}

export async function editMessage(
  db: ChatDb,
  id: string,
  text: string,
  now: number = Date.now(),
): Promise<CommandResult> {
  const message = await db.messages.get(id);
  const body = checkEdit(db, message, text, now);
  if ('error' in body) return fail({ body: body.error });
  if (!message) return fail({ body: EDIT_TOO_LATE }); // checkEdit refused it already
  if (body.value === message.body) return ok(undefined);
  const editId = newId(now);
  const mutation: Mutation = {
    id: editId,
    type: 'message.edit',
    peer: message.peer,
    target: id,
    body: body.value,
  };
  await write(db, mutation, now, message, async () => {
    const edited = withEdit(message, {
      body: body.value,
      editVersion: versionOfEdit(editId),
      editedAt: now,
    });
    if (!edited) return;
    await db.messages.put({ ...edited, edits: (message.edits ?? 0) + 1 });
    await resummarizePeer(db, message.peer);
  });
  return ok(undefined);
}

export async function deleteForEveryone(
  db: ChatDb,
  id: string,
  now: number = Date.now(),
): Promise<CommandResult> {
  const message = await db.messages.get(id);
  if (!message || !canDeleteForEveryone(db, message, now)) {
    return fail({ body: 'This message can no longer be deleted for everyone.' });
  }
  const mutation: Mutation = {
    id: newId(now),
    type: 'message.delete',
    peer: message.peer,
    target: id,
  };
  await write(db, mutation, now, message, async () => {
    await db.messages.put(asDeleted(message));
    await resummarizePeer(db, message.peer);
  });
  return ok(undefined);
}

/** Gone here and from my other devices; the peer keeps it. */
export async function deleteForMe(
  db: ChatDb,
  id: string,
  now: number = Date.now(),
): Promise<CommandResult> {
  const message = await db.messages.get(id);
  if (!message || message.serverTime === null) {
    return fail({ body: 'Only a sent message can be deleted.' });
  }
  const mutation: Mutation = {
    id: newId(now),
    type: 'message.hide',
    peer: message.peer,
    target: id,
  };
  await write(db, mutation, now, message, async () => {
    await removeForMe(db, message);
    await resummarizePeer(db, message.peer);
  });
  return ok(undefined);
}
