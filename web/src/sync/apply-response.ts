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

async function applyMessages(db: ChatDb, messages: Message[], now: number) {
  for (const m of messages) {
    const peer = m.sender === db.self ? m.recipient : m.sender;
    const row: LocalMessage = { ...m, peer, rank: m.serverTime, state: 'sent' };
    await db.messages.put(row);
    // The server has it, so its send is done, whatever became of the answer to it.
    const pendingSend = await db.outbox.where('id').equals(m.id).first();
    if (pendingSend?.seq !== undefined) await db.outbox.delete(pendingSend.seq);
    if (!(await db.contacts.get(peer))) {
      await db.contacts.put({ ...newContact(peer, now), request: m.sender !== db.self });
    }
  }
}
