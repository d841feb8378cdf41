import type { Message } from '@chatscape/sync-api/protocol';
import { type ChatDb, getMeta, type LocalMessage, newContact, setMeta } from '../db/index.ts';

/**
 * Upserts a page of pulled messages by id. A page holds up to 500 messages: a handful of bulk
 * requests per page, not three awaited requests per message (the benchmark's "apply a
 * 10,000-message pull"). A message stored here for the first time gets the next arrival
 * number; one already here keeps its own, so the overlap window re-sending it changes
 * nothing. What the first sync brings is history, and counts as read.
 */
export async function applyMessages(
  db: ChatDb,
  messages: Message[],
  firstSync: boolean,
  now: number,
): Promise<void> {
  if (messages.length === 0) return;
  const known = await db.messages.bulkGet(messages.map((m) => m.id));
  let seq = (await getMeta(db, 'arrivalSeq')) ?? 0;
  const rows: LocalMessage[] = messages.map((m, i) => {
    const before = known[i];
    const arrival = before ? before.arrival : ++seq;
    return {
      ...m,
      peer: m.sender === db.self ? m.recipient : m.sender,
      rank: m.serverTime,
      state: 'sent',
      ...(arrival !== undefined && { arrival }),
    };
  });
  await db.messages.bulkPut(rows);
  await setMeta(db, 'arrivalSeq', seq);
  // The server has them, so their sends are done, whatever became of the answers to them.
  const ids = rows.map((row) => row.id);
  await db.outbox.bulkDelete(await db.outbox.where('id').anyOf(ids).primaryKeys());
  await ensureContacts(db, rows, now);
  if (firstSync) {
    const peers = [...new Set(rows.map((row) => row.peer))];
    await db.contacts.where('email').anyOf(peers).modify({ readArrival: seq });
  }
}

/** A message from someone not in the contacts yet makes a row for them: a request if incoming. */
async function ensureContacts(db: ChatDb, rows: LocalMessage[], now: number) {
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
