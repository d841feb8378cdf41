import type { Contact } from '@chatscape/sync-api/protocol';
import {
  type AckedMutation,
  applyToContact,
  type ChatDb,
  mergeServerContact,
} from '../db/index.ts';

/**
 * How long an acknowledged mutation is re-applied over stale rows at most (device ms). The
 * pull's overlap window (5 s by default) bounds how stale an index read can be; this leaves
 * a wide margin and still forgets soon, so no entry can hold a row against the server.
 */
export const ACK_TTL_MS = 30_000;

export const liveAcks = (acked: AckedMutation[] | undefined, now: number): AckedMutation[] =>
  (acked ?? []).filter((a) => now - a.ackedAt < ACK_TTL_MS && a.ackedAt <= now);

/**
 * Server rows win, except where they are older than what this device already had acknowledged:
 * a pulled row no newer than the row this device held when the server acknowledged a contact
 * mutation predates that mutation (the index lags), so the mutation is applied on top again.
 * Then still-queued mutations are replayed on top (see applyToContact). So a block the server
 * just applied never shows as unblocked because the pull in the same answer read an old row.
 */
export async function applyContacts(
  db: ChatDb,
  contacts: Contact[],
  firstSync: boolean,
  now: number,
): Promise<void> {
  if (contacts.length === 0) return;
  const queued = await db.outbox.where('status').equals('queued').sortBy('seq');
  for (const server of contacts) {
    const local = await db.contacts.get(server.email);
    let merged = mergeServerContact(server, local, firstSync);
    const stale = liveAcks(local?.acked, now).filter((a) => server.updatedAt <= a.staleUpTo);
    for (const ack of stale) merged = applyToContact(merged, ack.mutation, now);
    if (stale.length > 0) merged.acked = stale;
    for (const row of queued) {
      if (row.peer === server.email) merged = applyToContact(merged, row.mutation, now);
    }
    await db.contacts.put(merged);
  }
}
