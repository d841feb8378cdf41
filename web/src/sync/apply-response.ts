import type { Contact, Message, MutationResult, SyncResponse } from '@chatscape/sync-api/protocol';
import {
  applyToContact,
  type ChatDb,
  getMeta,
  type LocalMessage,
  markFailed,
  mergeServerContact,
  newContact,
  type OutboxRow,
  setMeta,
} from '../db/index.ts';

export interface ApplySummary {
  accepted: number;
  rejected: number;
}

/**
 * Applies one sync answer in a single transaction: mutation results, pulled contacts and
 * messages (upserted by id, never by content, so a re-sent page or our own message coming
 * back never duplicates anything), and the new cursor. Either all of it lands or none does,
 * and then the same request is simply sent again.
 */
export async function applyResponse(
  db: ChatDb,
  sent: OutboxRow[],
  response: SyncResponse,
  now: number,
): Promise<ApplySummary> {
  return db.transaction('rw', [db.contacts, db.messages, db.outbox, db.meta], async () => {
    const firstSync = (await getMeta(db, 'initialSyncDone')) !== true;
    const summary = await applyResults(db, sent, response.results);
    await applyContacts(db, response.changes.contacts, firstSync, now);
    await applyMessages(db, response.changes.messages, now);
    await setMeta(db, 'cursor', response.cursor);
    if (!response.more) await setMeta(db, 'initialSyncDone', true);
    return summary;
  });
}

async function applyResults(
  db: ChatDb,
  sent: OutboxRow[],
  results: MutationResult[],
): Promise<ApplySummary> {
  const byId = new Map(sent.map((row) => [row.id, row]));
  const summary = { accepted: 0, rejected: 0 };
  for (const result of results) {
    const row = byId.get(result.id);
    if (!row || row.seq === undefined) continue;
    if (result.status === 'rejected') {
      summary.rejected += 1;
      const error = result.error ?? { code: 'rejected', message: 'The server refused this.' };
      await markFailed(db, row, error);
      continue;
    }
    summary.accepted += 1;
    await db.outbox.delete(row.seq);
    if (row.type === 'message.send') {
      await db.messages.update(row.id, { state: 'sent', error: undefined });
    }
  }
  return summary;
}

/** Server rows win, then still-queued mutations are replayed on top (see applyToContact). */
async function applyContacts(db: ChatDb, contacts: Contact[], firstSync: boolean, now: number) {
  if (contacts.length === 0) return;
  const queued = await db.outbox.where('status').equals('queued').sortBy('seq');
  for (const server of contacts) {
    let merged = mergeServerContact(server, await db.contacts.get(server.email), firstSync);
    for (const row of queued) {
      if (row.peer === server.email) merged = applyToContact(merged, row.mutation, now);
    }
    await db.contacts.put(merged);
  }
}

/**
 * A page holds up to 500 messages: a handful of bulk requests per page, not three awaited
 * requests per message (the benchmark's "apply a 10,000-message pull").
 */
async function applyMessages(db: ChatDb, messages: Message[], now: number) {
  if (messages.length === 0) return;
  const rows: LocalMessage[] = messages.map((m) => ({
    ...m,
    peer: m.sender === db.self ? m.recipient : m.sender,
    rank: m.serverTime,
    state: 'sent',
  }));
  await db.messages.bulkPut(rows);
  // The server has them, so their sends are done, whatever became of the answers to them.
  const ids = rows.map((row) => row.id);
  await db.outbox.bulkDelete(await db.outbox.where('id').anyOf(ids).primaryKeys());
  const firstByPeer = new Map<string, LocalMessage>();
  for (const row of rows) if (!firstByPeer.has(row.peer)) firstByPeer.set(row.peer, row);
  const peers = [...firstByPeer.keys()];
  const known = await db.contacts.bulkGet(peers);
  const missing = peers
    .filter((_, i) => !known[i])
    .map((peer) => ({
      ...newContact(peer, now),
      request: firstByPeer.get(peer)?.sender !== db.self,
    }));
  if (missing.length > 0) await db.contacts.bulkPut(missing);
}
