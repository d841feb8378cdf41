import type { Contact } from '@chatscape/sync-api/protocol';
import {
  type AckedMutation,
  applyToContact,
  type ChatDb,
  keepMarks,
  type LocalContact,
  mergeServerContact,
  type OutboxRow,
} from '../db/index.ts';
import { applyClears } from './apply-chats.ts';
import { applyPulledDrafts } from './apply-drafts.ts';
import { applyRemoteReads } from './apply-read-state.ts';

/**
 * How long an acknowledged mutation is re-applied over stale rows at most (device ms). A
 * stale row can only be read while the index lags behind the write, and the pull's overlap
 * window (5 s by default) must exceed that lag; this is twice the default window.
 */
export const ACK_TTL_MS = 10_000;

export const liveAcks = (acked: AckedMutation[] | undefined, now: number): AckedMutation[] =>
  (acked ?? []).filter((a) => now - a.ackedAt < ACK_TTL_MS && a.ackedAt <= now);

const queuedRows = (db: ChatDb) => db.outbox.where('status').equals('queued').sortBy('seq');

function replayQueued(contact: LocalContact, queued: OutboxRow[], now: number): LocalContact {
  let merged = contact;
  for (const row of queued) {
    if (row.peer === contact.email) merged = applyToContact(merged, row.mutation, now);
  }
  return merged;
}

function withoutAcks(contact: LocalContact): LocalContact {
  const { acked: _acked, ackedUntil: _until, server: _server, ...rest } = contact;
  return rest;
}

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
  const queued = await queuedRows(db);
  // One read and one write for the page's contacts, not two awaited requests per contact.
  const emails = contacts.map((c) => c.email);
  const stored = await db.contacts.bulkGet(emails);
  const next = new Map<string, LocalContact>();
  for (const [i, server] of contacts.entries()) {
    const local = next.get(server.email) ?? stored[i];
    let merged = withoutAcks(mergeServerContact(server, local, firstSync));
    const stale = liveAcks(local?.acked, now).filter((a) => server.updatedAt <= a.staleUpTo);
    for (const ack of stale) merged = applyToContact(merged, ack.mutation, now);
    if (stale.length > 0) {
      const until = Math.max(...stale.map((a) => a.ackedAt)) + ACK_TTL_MS;
      merged = { ...merged, acked: stale, ackedUntil: until, server };
    }
    next.set(server.email, replayQueued(merged, queued, now));
  }
  await db.contacts.bulkPut([...next.values()]);
  await applyPulledDrafts(db, [...next.values()], now);
  const before = new Map(emails.map((email, i) => [email, stored[i]]));
  await applyClears(db, [...next.values()], before);
  await applyRemoteReads(db, contacts, before);
}

/**
 * Contacts whose acknowledged mutations have all expired go back to the last row pulled for
 * them (plus what is still queued): from then on the server's row alone decides, as if the
 * acknowledgement had never been remembered.
 */
export async function expireAcks(db: ChatDb, now: number): Promise<void> {
  const due = await db.contacts.where('ackedUntil').belowOrEqual(now).toArray();
  if (due.length === 0) return;
  const queued = await queuedRows(db);
  for (const contact of due) {
    const base = withoutAcks(
      contact.server ? keepMarks({ ...contact, ...contact.server }, contact) : contact,
    );
    await db.contacts.put(replayQueued(base, queued, now));
  }
}

/**
 * The server just applied this contact mutation; the pull may still read the row from before
 * it. Remember it with the server's `updatedAt` of the row this device held, so such a stale
 * row cannot undo it. Without a pulled row there is nothing to compare with: not remembered.
 */
export async function rememberAck(db: ChatDb, row: OutboxRow, now: number): Promise<void> {
  const contact = await db.contacts.get(row.peer);
  if (contact?.serverUpdatedAt === undefined) return;
  const entry = { mutation: row.mutation, staleUpTo: contact.serverUpdatedAt, ackedAt: now };
  const acked = [...liveAcks(contact.acked, now), entry];
  await db.contacts.put({ ...contact, acked, ackedUntil: now + ACK_TTL_MS });
}
