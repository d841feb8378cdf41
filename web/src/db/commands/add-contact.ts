import { emailSchema, nameSchema } from '@chatscape/sync-api/protocol';
import { newId } from '../../lib/uuid.ts';
import { writeWithOutbox } from '../outbox.ts';
import type { ChatDb } from '../schema.ts';
import { type CommandResult, type FieldErrors, fail, field, ok } from './result.ts';

export const SELF_CONTACT_ERROR = 'That is your own address. Add someone else.';

/**
 * Adds a contact. Emails are normalised by the protocol schema, so adding the
 * same address twice in any case keeps one contact. Adding yourself is refused here, before
 * the server would reject it.
 */
export async function addContact(
  db: ChatDb,
  input: { name: string; email: string },
  now: number = Date.now(),
): Promise<CommandResult<{ email: string }>> {
  const name = field(nameSchema, input.name);
  const email = field(emailSchema, input.email);
  const errors: FieldErrors = {};
  if ('error' in name) errors.name = name.error;
  if ('error' in email) errors.email = email.error;
  else if (email.value === db.self) errors.email = SELF_CONTACT_ERROR;
  else {
    // Adding an address that is already a contact would silently rename it: say so instead
    // (renaming is in the conversation's menu). A conversation never added (no name) or a
    // message request is not a contact yet.
    const existing = await db.contacts.get(email.value);
    if (existing && !existing.request && existing.name !== '') {
      errors.email = `${email.value} is already a contact (${existing.name}). Rename them from their conversation.`;
    }
  }
  if (!('value' in name) || !('value' in email) || errors.email) return fail(errors);
  await writeWithOutbox(
    db,
    { id: newId(now), type: 'contact.add', email: email.value, name: name.value },
    now,
  );
  return ok({ email: email.value });
}
