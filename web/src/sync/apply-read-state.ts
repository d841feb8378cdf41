import type { Contact } from '@chatscape/sync-api/protocol';
import {
  type ChatDb,
  type LocalContact,
  type LocalMessage,
  queueReceipt,
  readUpTo,
} from '../db/index.ts';

/**
 * Read state across the user's devices. A pulled row whose `readAt` (the user's watermark,
 * from any of their devices) is past what this device has read moves this device's read
 * marker as if the user had read here up to it (db/commands/read-state.ts readUpTo), and is
 * remembered as `remoteReadAt`, so what arrives here later stamped at or before it counts as
 * read too (see arrivedUnread). This device's own marks coming back never do that: a message
 * stamped earlier that arrives after the user read here stays unread until it is on screen.
 * Call inside the answer's transaction, after the rows are stored.
 */
export async function applyRemoteReads(
  db: ChatDb,
  contacts: Contact[],
  before: ReadonlyMap<string, LocalContact | undefined>,
): Promise<void> {
  for (const server of contacts) {
    const readAt = server.readAt;
    if (readAt === undefined) continue;
    const local = before.get(server.email);
    if (local && readAt <= local.lastReadAt) continue;
    await readUpTo(db, server.email, readAt, true);
  }
}

/**
 * The unread counter and read marker after `fresh` (incoming messages stored here for the
 * first time, in arrival order) arrive: each is one more unread, except that while nothing is
 * unread a message stamped at or before the watermark of the user's other devices
 * (`remoteReadAt`) was read there, and the marker moves past it. So unread still counts
 * exactly the incoming messages that arrived after the marker (summaryDrift holds).
 */
export function arrivedUnread(
  contact: LocalContact,
  fresh: readonly LocalMessage[],
): Pick<LocalContact, 'unread' | 'readArrival'> {
  let unread = contact.unread ?? 0;
  let readArrival = contact.readArrival;
  const remote = contact.remoteReadAt ?? -1;
  for (const m of fresh) {
    if (unread === 0 && m.serverTime !== null && m.serverTime <= remote && m.arrival) {
      readArrival = m.arrival;
    } else unread += 1;
  }
  return { unread, ...(readArrival !== undefined && { readArrival }) };
}

/**
 * A delivered receipt for what this device has just stored from `contact` (its newest incoming
 * stamp), when that is past the last one queued and receipts may cross (not blocked, not a
 * pending request: the server would refuse it anyway). Returns the contact with the new mark.
 * Call inside a transaction that includes `outbox`.
 */
export async function queueDelivered(
  db: ChatDb,
  contact: LocalContact,
  fresh: readonly LocalMessage[],
  now: number,
): Promise<LocalContact> {
  const newest = Math.max(-1, ...fresh.map((m) => m.serverTime ?? -1));
  if (newest <= (contact.deliveredQueued ?? -1) || contact.blocked || contact.request) {
    return contact;
  }
  await queueReceipt(
    db,
    { type: 'receipt.delivered', email: contact.email, deliveredAt: newest },
    now,
  );
  return { ...contact, deliveredQueued: newest };
}
