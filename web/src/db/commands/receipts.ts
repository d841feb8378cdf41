import type { ReceiptDelivered, ReceiptMutation, ReceiptRead } from '@chatscape/sync-api/protocol';
import { newId } from '../../lib/uuid.ts';
import { getMeta, setMeta } from '../meta.ts';
import type { ChatDb } from '../schema.ts';

/**
 * Queues a receipt, coalesced: a queued receipt of the same kind for the same peer is replaced
 * (watermarks merge with max(), so only the newest matters), so reading or receiving a burst
 * of messages sends one receipt, not one per message. A copy already on its way is harmless:
 * its answer deletes a row that is gone. Call inside a transaction that includes `outbox`.
 */
export async function queueReceipt(
  db: ChatDb,
  receipt: Omit<ReceiptRead, 'id'> | Omit<ReceiptDelivered, 'id'>,
  now: number,
): Promise<void> {
  const older = await db.outbox
    .where('status')
    .equals('queued')
    .filter((row) => row.type === receipt.type && row.peer === receipt.email)
    .primaryKeys();
  await db.outbox.bulkDelete(older);
  const mutation = { ...receipt, id: newId(now) } as ReceiptMutation;
  await db.outbox.add({
    id: mutation.id,
    type: mutation.type,
    mutation,
    peer: mutation.email,
    status: 'queued',
    createdAt: now,
  });
}

/**
 * "Send read receipts", per device (absent = on). Off: this device's read receipts still move
 * the user's own watermark (their other devices clear unread) but never the peer's, and this
 * device shows no read ticks (delivered still shows), as WhatsApp does.
 */
export async function readReceiptsOn(db: ChatDb): Promise<boolean> {
  return (await getMeta(db, 'readReceipts')) !== false;
}

export async function setReadReceipts(db: ChatDb, on: boolean): Promise<void> {
  await setMeta(db, 'readReceipts', on);
}
