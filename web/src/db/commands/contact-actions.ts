import { limits, reasonSchema } from '@chatscape/sync-api/protocol';
import { newId } from '../../lib/uuid.ts';
import { writeWithOutbox } from '../outbox.ts';
import type { ChatDb } from '../schema.ts';
import { SELF_CONTACT_ERROR } from './add-contact.ts';
import { type CommandResult, fail, field, ok } from './result.ts';

/**
 * Contact actions on yourself are refused here, as the server would: queued, they would be
 * rejected and leave this device alone showing a block (found by the sync simulator).
 */
export async function blockContact(db: ChatDb, email: string, now = Date.now()) {
  return contactAction(db, 'contact.block', email, now);
}

export async function unblockContact(db: ChatDb, email: string, now = Date.now()) {
  return contactAction(db, 'contact.unblock', email, now);
}

async function contactAction(
  db: ChatDb,
  type: 'contact.block' | 'contact.unblock',
  email: string,
  now: number,
): Promise<CommandResult> {
  if (email === db.self) return fail({ email: SELF_CONTACT_ERROR });
  await writeWithOutbox(db, { id: newId(now), type, email }, now);
  return ok(undefined);
}

export async function reportContact(
  db: ChatDb,
  email: string,
  reason: string,
  now = Date.now(),
): Promise<CommandResult> {
  if (email === db.self) return fail({ email: SELF_CONTACT_ERROR });
  const parsed = field(reasonSchema, reason);
  if ('error' in parsed) return fail({ reason: parsed.error });
  await writeWithOutbox(
    db,
    { id: newId(now), type: 'contact.report', email, reason: parsed.value },
    now,
  );
  return ok(undefined);
}

/**
 * Accepting a message request is adding the sender as a contact (the server clears
 * `request`), under the name the user gave when accepting (else the email stands in).
 */
export async function acceptRequest(
  db: ChatDb,
  email: string,
  now = Date.now(),
  given?: string,
): Promise<void> {
  const contact = await db.contacts.get(email);
  const name = (given?.trim() || contact?.name.trim() || email).slice(0, limits.maxNameLength);
  await writeWithOutbox(db, { id: newId(now), type: 'contact.add', email, name }, now);
}
