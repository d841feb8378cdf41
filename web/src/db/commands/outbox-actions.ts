import { errorCodes, type Mutation } from '@chatscape/sync-api/protocol';
import { newId } from '../../lib/uuid.ts';
import type { ChatDb } from '../schema.ts';
import { refreshLast } from '../summary.ts';
import { type OutboxRow, PENDING_RANK_BASE } from '../types.ts';

/**
 * Retry after a rejection: the row goes back to the end of the queue with the SAME mutation
 * and the SAME id. Ids are idempotency keys, so resending can never apply anything twice:
 * if some attempt did get through, the answer is `duplicate`. A rejection is deterministic
 * for the same content (invalid, self), so a retry only succeeds if the server now accepts
 * it (a fix deployed, a limit raised); that is the point of offering it.
 * The exception is `id_conflict`: the server holds different content under this id, so the
 * same id would be refused forever. That one is re-queued under a fresh id (a message is
 * re-keyed to it); nothing was stored for our content, so this cannot duplicate either.
 */
export async function retryOutbox(db: ChatDb, id: string, now = Date.now()): Promise<void> {
  await db.transaction('rw', [db.outbox, db.messages, db.contacts], async () => {
    const row = await db.outbox.where('id').equals(id).first();
    if (row?.status !== 'failed' || row.seq === undefined) return;
    const fresh = row.error?.code === errorCodes.idConflict ? newId(now) : row.id;
    const mutation: Mutation = { ...row.mutation, id: fresh };
    await db.outbox.delete(row.seq);
    const next: OutboxRow = { ...row, id: fresh, mutation, status: 'queued' };
    delete next.seq;
    delete next.error;
    await db.outbox.add(next);
    if (row.type === 'message.send') {
      await requeueMessage(db, row.id, fresh);
      await refreshLast(db, row.peer);
    }
  });
}

async function requeueMessage(db: ChatDb, oldId: string, newMessageId: string): Promise<void> {
  const message = await db.messages.get(oldId);
  if (!message) return;
  const { error: _error, ...rest } = message;
  await db.messages.delete(oldId);
  await db.messages.put({
    ...rest,
    id: newMessageId,
    state: 'pending',
    serverTime: null,
    rank: PENDING_RANK_BASE + message.sentAt,
  });
}

/**
 * Discard after a rejection: the user gives up on this item. A discarded message disappears
 * (it never reached anyone); a discarded contact action leaves the local contact as it is
 * until the server next sends that contact.
 */
export async function discardOutbox(db: ChatDb, id: string): Promise<void> {
  await db.transaction('rw', [db.outbox, db.messages, db.contacts], async () => {
    const row = await db.outbox.where('id').equals(id).first();
    if (row?.status !== 'failed' || row.seq === undefined) return;
    await db.outbox.delete(row.seq);
    if (row.type === 'message.send') {
      await db.messages.delete(row.id);
      await refreshLast(db, row.peer);
    }
  });
}
