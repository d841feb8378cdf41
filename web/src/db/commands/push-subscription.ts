import type { PushMutation } from '@chatscape/sync-api/protocol';
import type { ChatDb } from '../schema.ts';

/**
 * Queues a push.subscribe / push.unsubscribe (web/src/push): about this device, not a contact,
 * so it touches no contact row (peer ''). It goes out with the next flush like any mutation,
 * in outbox order, and is retried until the server answers.
 */
export async function queuePushMutation(
  db: ChatDb,
  mutation: PushMutation,
  now = Date.now(),
): Promise<void> {
  await db.outbox.add({
    id: mutation.id,
    type: mutation.type,
    mutation,
    peer: '',
    status: 'queued',
    createdAt: now,
  });
}
