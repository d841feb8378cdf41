import { messageBodySchema } from '@chatscape/sync-api/protocol';
import { newId } from '../../lib/uuid.ts';
import { writeWithOutbox } from '../outbox.ts';
import type { ChatDb } from '../schema.ts';
import { withAdded } from '../summary.ts';
import { type LocalMessage, PENDING_RANK_BASE } from '../types.ts';
import { clearDraftOnSend } from './drafts.ts';
import { type CommandResult, fail, field, ok } from './result.ts';

/**
 * Sends a message: the pending message row, its outbox mutation (same id: the id is the
 * idempotency key and the message id), the contact's summary and the cleared draft, in one
 * transaction. Returns the message as stored, so the conversation can draw it at once.
 */
export async function sendMessage(
  db: ChatDb,
  to: string,
  text: string,
  now: number = Date.now(),
  /** The message this one replies to (protocol v2). */
  replyTo?: string,
): Promise<CommandResult<{ id: string; message: LocalMessage }>> {
  const body = field(messageBodySchema, text);
  if ('error' in body) return fail({ body: body.error });
  if (to === db.self) return fail({ body: 'You cannot message yourself.' });
  const id = newId(now);
  const message: LocalMessage = {
    id,
    sender: db.self,
    recipient: to,
    body: body.value,
    sentAt: now,
    serverTime: null,
    peer: to,
    rank: PENDING_RANK_BASE + now,
    state: 'pending',
    ...(replyTo !== undefined && { replyTo }),
  };
  await writeWithOutbox(
    db,
    {
      id,
      type: 'message.send',
      to,
      body: body.value,
      sentAt: now,
      ...(replyTo !== undefined && { replyTo }),
    },
    now,
    async () => {
      await db.messages.add(message);
      const contact = await db.contacts.get(to);
      if (contact) await db.contacts.put(withAdded(contact, message));
      await clearDraftOnSend(db, to, now);
    },
  );
  return ok({ id, message });
}
