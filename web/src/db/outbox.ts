import { issuePath, limits, type Mutation, mutationSchema } from '@chatscape/sync-api/protocol';
import * as v from 'valibot';
import { undoChange } from './lifecycle.ts';
import { applyToContact, mutationPeer } from './optimistic.ts';
import type { ChatDb } from './schema.ts';
import { noteState } from './summary.ts';
import type { OutboxRow } from './types.ts';

/**
 * Writes a mutation's optimistic effect on its contact, whatever else `effect` writes, and the
 * outbox row, in one transaction: the UI shows the change at once and it can never be lost
 * between the local write and the queue.
 */
export async function writeWithOutbox(
  db: ChatDb,
  mutation: Mutation,
  now: number,
  effect?: () => Promise<void>,
): Promise<void> {
  const peer = mutationPeer(mutation);
  const tables = [db.contacts, db.messages, db.outbox, db.drafts, db.removed];
  await db.transaction('rw', tables, async () => {
    const contact = await db.contacts.get(peer);
    await db.contacts.put(applyToContact(contact, mutation, now));
    await effect?.();
    await db.outbox.add({
      id: mutation.id,
      type: mutation.type,
      mutation,
      peer,
      status: 'queued',
      createdAt: now,
    });
  });
}

export interface QueuedBatch {
  rows: Array<OutboxRow & { seq: number }>;
  /** More queued rows exist beyond this batch. */
  more: boolean;
}

const byteLength = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

/**
 * The oldest queued mutations, in outbox order, within the request limits (count and a byte
 * budget under the 256 KB body limit). Rows are re-validated on the way out (they may have
 * been written by an older version of the app); one that no longer parses is marked failed
 * rather than dropped, and the batch moves on.
 */
export async function readQueuedBatch(
  db: ChatDb,
  maxCount: number = limits.maxMutations,
  maxBytes: number = limits.maxBodyBytes - 16 * 1024,
): Promise<QueuedBatch> {
  return db.transaction('rw', [db.outbox, db.messages, db.contacts, db.removed], async () => {
    const candidates = await db.outbox
      .where('status')
      .equals('queued')
      .limit(maxCount + 1)
      .toArray();
    const rows: QueuedBatch['rows'] = [];
    let bytes = 0;
    for (const row of candidates) {
      if (rows.length === maxCount) return { rows, more: true };
      const parsed = v.safeParse(mutationSchema, row.mutation);
      if (!parsed.success) {
        const message = parsed.issues.map((i) => `${issuePath(i)}: ${i.message}`).join('; ');
        await markFailed(db, row, { code: 'invalid', message });
        continue;
      }
      bytes += byteLength(parsed.output);
      if (bytes > maxBytes && rows.length > 0) return { rows, more: true };
      rows.push({ ...row, mutation: parsed.output, seq: row.seq as number });
    }
    return { rows, more: false };
  });
}

/**
 * Marks an outbox row and (for a send) its message failed. Call inside a transaction on
 * outbox, messages and contacts (the summary's preview says "Not sent").
 */
export async function markFailed(
  db: ChatDb,
  row: OutboxRow,
  error: { code: string; message: string },
): Promise<void> {
  // The stored row: an earlier refused change of the same message may have handed its undo on.
  const stored = row.seq === undefined ? undefined : await db.outbox.get(row.seq);
  const current = stored?.undo ? { ...row, undo: stored.undo } : row;
  if (row.seq !== undefined) await db.outbox.update(row.seq, { status: 'failed', error });
  if (current.undo) {
    await undoChange(db, current); // a refused edit or delete: back as it was
    await handUndoOn(db, current);
  }
  if (row.type === 'message.send') {
    await db.messages.update(row.id, { state: 'failed', error });
    await noteState(db, row.peer, row.id, 'failed');
  }
}

/**
 * The next change of the same message still waiting for its answer was made on top of this
 * refused one, so its undo holds this one's effect: if it is refused too, it must go back to
 * how the message was before this one (two edits made offline past the window, both refused,
 * end with the original text, not the first edit's). A chain hands it on row by row.
 */
async function handUndoOn(db: ChatDb, row: OutboxRow): Promise<void> {
  const undo = row.undo;
  if (row.seq === undefined || !undo) return;
  const next = await db.outbox
    .where(':id')
    .above(row.seq)
    .filter((r) => r.status === 'queued' && r.undo?.id === undo.id)
    .first();
  if (next?.seq !== undefined) await db.outbox.update(next.seq, { undo });
}
