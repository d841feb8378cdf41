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
 * "Send read receipts", an account setting (sync-api/src/core/settings.ts; absent = on). Off:
 * the user's read receipts still move their own watermark (their other devices clear unread)
 * but reach no peer, nobody's read marks reach the user, and no read ticks show; delivered
 * still does, as WhatsApp does. The server enforces it on every device's receipts.
 */
export async function readReceiptsOn(db: ChatDb): Promise<boolean> {
  return (await getMeta(db, 'readReceipts')) !== false;
}

/** Changes the setting here at once and queues it for the server (one queued at a time). */
export async function setReadReceipts(db: ChatDb, on: boolean, now = Date.now()): Promise<void> {
  await db.transaction('rw', [db.meta, db.outbox], async () => {
    const older = await db.outbox
      .where('status')
      .equals('queued')
      .filter((row) => row.type === 'settings.set')
      .primaryKeys();
    await db.outbox.bulkDelete(older);
    const mutation = { id: newId(now), type: 'settings.set' as const, readReceipts: on };
    await db.outbox.add({
      id: mutation.id,
      type: mutation.type,
      mutation,
      peer: '',
      status: 'queued',
      createdAt: now,
    });
    await setMeta(db, 'readReceipts', on);
    await setMeta(db, 'readReceiptsId', mutation.id);
  });
}

/**
 * The account's settings as pulled: taken when newer than what this device holds (its own
 * queued change, or an earlier pull), so a stale answer never flips the switch back. Call
 * inside a transaction that includes `meta`.
 */
export async function applyPulledSettings(
  db: ChatDb,
  settings: { readReceipts: boolean; id: string } | undefined,
): Promise<void> {
  if (!settings) return;
  const held = (await getMeta(db, 'readReceiptsId')) ?? '';
  if (settings.id <= held) return;
  await setMeta(db, 'readReceipts', settings.readReceipts);
  await setMeta(db, 'readReceiptsId', settings.id);
}
