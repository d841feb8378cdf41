import { Dexie } from 'dexie';
import type { ChatDb } from '../schema.ts';
import { queueReceipt, readReceiptsOn } from './receipts.ts';

/**
 * Marks a conversation read as shown: `serverTime` is the newest incoming stamp on screen.
 * Every message that has arrived and is stamped at or before it was on screen with it, late
 * arrivals stamped earlier included, so the read marker (readArrival) moves past them, in
 * arrival order, up to the first incoming message stamped later (arrived after the screen was
 * drawn: still unread). Never moves backwards. The contact's unread counter is recounted from
 * the same read. When the watermark moves, a read receipt is queued in the same transaction
 * (coalesced, see receipts.ts): the user's other devices clear their unread count, and the
 * peer sees read ticks unless "Send read receipts" is off. Returns whether one was queued.
 */
export async function markRead(
  db: ChatDb,
  peer: string,
  serverTime: number,
  now = Date.now(),
): Promise<boolean> {
  return db.transaction('rw', [db.contacts, db.messages, db.outbox, db.meta], async () => {
    const before = await db.contacts.get(peer);
    if (!before) return false;
    await readUpTo(db, peer, serverTime);
    if (serverTime <= Math.max(before.lastReadAt, before.readAt ?? -1)) return false;
    await db.contacts.update(peer, { readAt: serverTime });
    const share = await readReceiptsOn(db);
    await queueReceipt(db, { type: 'receipt.read', email: peer, readAt: serverTime, share }, now);
    return true;
  });
}

/**
 * Moves the read marker of `peer` to `serverTime` as markRead does, without a receipt: also
 * for a watermark pulled from the user's other devices (sync/apply-read-state.ts), which then
 * is `remote`. Call inside a transaction on contacts and messages.
 */
export async function readUpTo(
  db: ChatDb,
  peer: string,
  serverTime: number,
  remote = false,
): Promise<void> {
  const contact = await db.contacts.get(peer);
  if (!contact) return;
  const from = contact.readArrival ?? 0;
  const arrived = await db.messages
    .where('[peer+arrival]')
    .between([peer, from], [peer, Dexie.maxKey], false)
    .toArray();
  let readArrival = from;
  let read = 0;
  for (const m of arrived) {
    const seen = m.sender === db.self || (m.serverTime !== null && m.serverTime <= serverTime);
    if (!seen) break;
    readArrival = m.arrival ?? readArrival;
    read += 1;
  }
  // `arrived` is everything after the old marker: what is left of it is the unread count.
  const unread = arrived.slice(read).filter((m) => m.sender !== db.self).length;
  const lastReadAt = Math.max(contact.lastReadAt, serverTime);
  const remoteReadAt = remote
    ? Math.max(contact.remoteReadAt ?? -1, serverTime)
    : contact.remoteReadAt;
  const same =
    readArrival === from &&
    lastReadAt === contact.lastReadAt &&
    remoteReadAt === contact.remoteReadAt;
  if (same && unread === (contact.unread ?? 0)) return;
  await db.contacts.update(peer, {
    readArrival,
    lastReadAt,
    unread,
    ...(remoteReadAt !== undefined && { remoteReadAt }),
  });
}
