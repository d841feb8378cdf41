import {
  applyPulledSettings,
  type ChatDb,
  getMeta,
  markFailed,
  noteState,
  type OutboxRow,
  PULL_CURSOR,
  setMeta,
} from '../db/index.ts';
import { applyContacts, expireAcks, rememberAck } from './apply-contacts.ts';
import { applyEvents } from './apply-events.ts';
import { applyMessages } from './apply-messages.ts';
import type { AnswerResult, SyncAnswer } from './read-response.ts';

export interface ApplySummary {
  accepted: number;
  rejected: number;
  /** Mutations the server answered with a status this client does not settle: still queued. */
  deferred: number;
}

/**
 * Applies one sync answer in a single transaction: mutation results, pulled contacts and
 * messages (upserted by id, never by content, so a re-sent page or our own message coming
 * back never duplicates anything), and the new cursor. Either all of it lands or none does,
 * and then the same request is simply sent again.
 */
export function applyResponse(
  db: ChatDb,
  sent: OutboxRow[],
  response: SyncAnswer,
  now: number,
): Promise<ApplySummary> {
  return applyResponses(db, sent, [response], now);
}

/**
 * Applies consecutive answers of one pull (each one's cursor led to the next) in a single
 * transaction, in order, as if each were applied alone: a long pull pays one commit for
 * several pages. The last answer's cursor is stored; `sent` are the mutations whose results
 * any of them carries.
 */
export async function applyResponses(
  db: ChatDb,
  sent: OutboxRow[],
  answers: SyncAnswer[],
  now: number,
): Promise<ApplySummary> {
  const tables = [db.contacts, db.messages, db.outbox, db.meta, db.removed, db.drafts];
  return db.transaction('rw', tables, async () => {
    const firstSync = (await getMeta(db, 'initialSyncDone')) !== true;
    const summary = { accepted: 0, rejected: 0, deferred: 0 };
    for (const response of answers) {
      const applied = await applyResults(db, sent, response.results, now);
      summary.accepted += applied.accepted;
      summary.rejected += applied.rejected;
      summary.deferred += applied.deferred;
      await applyContacts(db, response.changes.contacts, firstSync, now);
      await applyPulledSettings(db, response.changes.settings);
      await expireAcks(db, now);
      await applyMessages(db, response.changes.messages, firstSync, now);
      await applyEvents(db, response.changes.events ?? []);
    }
    const last = answers.at(-1);
    if (!last) return summary;
    await setMeta(db, PULL_CURSOR, last.cursor);
    if (!last.more) await setMeta(db, 'initialSyncDone', true);
    return summary;
  });
}

/**
 * `applied` and `duplicate` settle a mutation (its row leaves the outbox), `rejected` marks it
 * failed. Any other status (a newer server's, e.g. held back by a rate limit) leaves the row
 * queued exactly as it is, to be sent again later: never dropped, never failed.
 */
async function applyResults(
  db: ChatDb,
  sent: OutboxRow[],
  results: AnswerResult[],
  now: number,
): Promise<ApplySummary> {
  const byId = new Map(sent.map((row) => [row.id, row]));
  const summary = { accepted: 0, rejected: 0, deferred: 0 };
  for (const result of results) {
    const row = byId.get(result.id);
    if (!row || row.seq === undefined) continue;
    if (
      result.status === 'rejected' &&
      (row.type.startsWith('receipt.') || row.type === 'draft.set')
    ) {
      // A refused receipt or draft is dropped, not shown as failed: the next one supersedes
      // it (a draft's text stays in this device's box and draft row).
      await db.outbox.delete(row.seq);
      continue;
    }
    if (result.status === 'rejected') {
      summary.rejected += 1;
      const error = result.error ?? { code: 'rejected', message: 'The server refused this.' };
      await markFailed(db, row, error);
      continue;
    }
    if (result.status !== 'applied' && result.status !== 'duplicate') {
      summary.deferred += 1;
      continue;
    }
    summary.accepted += 1;
    await db.outbox.delete(row.seq);
    if (row.type === 'message.send') {
      await db.messages.update(row.id, { state: 'sent', error: undefined });
      await noteState(db, row.peer, row.id, 'sent');
    } else if (result.status === 'applied') {
      await rememberAck(db, row, now);
    }
  }
  return summary;
}
