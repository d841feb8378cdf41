import { PROTOCOL_VERSION } from '@chatscape/sync-api/protocol';
import {
  type ChatDb,
  getClientId,
  getMeta,
  markFailed,
  PULL_CURSOR,
  type QueuedBatch,
  readQueuedBatch,
  setMeta,
  updateStatus,
} from '../db/index.ts';
import { defaultLock, type LockFn } from '../lib/locks.ts';
import { applyResponses } from './apply-response.ts';
import { SyncError, syncErrorCodes, toSyncError } from './errors.ts';
import type { SyncAnswer } from './read-response.ts';
import { recordFailure } from './record-failure.ts';
import type { SyncTransport } from './transport.ts';

export interface SyncDeps {
  db: ChatDb;
  transport: SyncTransport;
  /** The current ID token, or null when there is none worth sending (expired, signed out). */
  getToken: () => Promise<string | null>;
  lock?: LockFn;
  now?: () => number;
  /** Requests per run at most (batches of the outbox plus `more` pages). */
  maxRounds?: number;
}

export type SyncOutcome =
  | { kind: 'ok'; accepted: number; rejected: number; received: number; deferred: number }
  | { kind: 'failed'; error: SyncError }
  /** Another tab or the service worker held the lock (only with `ifAvailable`). */
  | { kind: 'skipped' };

export const lockName = (self: string) => `chatscape-sync-${self}`;

const NOTHING_QUEUED: QueuedBatch = { rows: [], more: false };

/**
 * Pulled pages held back (at most this many messages) so that a long pull (a first sync, a
 * catch-up) writes several pages per transaction: each transaction costs a commit. Held pages
 * are only in memory: lost with the page, they are pulled again from the stored cursor.
 */
export const HELD_PULL_MESSAGES = 2_000;

/**
 * One sync run: sends the outbox in order, in batches, and pulls until the server has
 * nothing more, holding the per-user lock so tabs and the service worker never run at once.
 * Never throws for network or server trouble: the outcome says what happened and the
 * outbox keeps everything for the next run.
 */
export async function syncOnce(
  deps: SyncDeps,
  options: { ifAvailable?: boolean } = {},
): Promise<SyncOutcome> {
  const lock = deps.lock ?? defaultLock();
  const outcome = await lock(lockName(deps.db.self), () => runRounds(deps), options);
  return outcome ?? { kind: 'skipped' };
}

async function runRounds(deps: SyncDeps): Promise<SyncOutcome> {
  const { db } = deps;
  const now = deps.now ?? Date.now;
  const totals = { accepted: 0, rejected: 0, received: 0, deferred: 0 };
  const rounds = deps.maxRounds ?? 20;
  // Answers pulled but not applied yet (see HELD_PULL_MESSAGES), and their messages.
  let held: SyncAnswer[] = [];
  let heldMessages = 0;
  const applyHeld = async (sent: QueuedBatch['rows'], answers: SyncAnswer[]) => {
    held = [];
    heldMessages = 0;
    if (answers.length === 0) return;
    const applied = await applyResponses(db, sent, answers, now());
    totals.accepted += applied.accepted;
    totals.rejected += applied.rejected;
    totals.deferred += applied.deferred;
  };
  for (let round = 0; round < rounds; round++) {
    // Once the server held mutations back, this run only pulls: they go again next run.
    const batch = totals.deferred > 0 ? NOTHING_QUEUED : await readQueuedBatch(db);
    const token = await deps.getToken();
    if (!token) {
      await applyHeld([], held);
      return fail(db, new SyncError(syncErrorCodes.unauthorized, 'not signed in'), now);
    }
    if (batch.rows.length > 0) await updateStatus(db, { phase: 'syncing' });
    let response: SyncAnswer;
    try {
      response = await exchange(deps, batch, token, held.at(-1)?.cursor);
    } catch (caught) {
      await applyHeld([], held);
      const error = toSyncError(caught);
      if (await recoverFromBadRequest(db, error, batch)) continue;
      if (error.code === syncErrorCodes.unauthorized) await forgetToken(db, token);
      return fail(db, error, now);
    }
    totals.received += response.changes.messages.length + (response.changes.events?.length ?? 0);
    const count = response.changes.messages.length;
    const hold =
      batch.rows.length === 0 &&
      response.more &&
      round < rounds - 1 &&
      heldMessages + count < HELD_PULL_MESSAGES;
    if (hold) {
      held.push(response);
      heldMessages += count;
      continue;
    }
    await applyHeld(batch.rows, [...held, response]);
    // Applying may have queued receipts (delivered): send them in this run, not the next.
    const queuedMeanwhile = totals.deferred === 0 && (await countQueued(db)) > 0;
    if (!response.more && !batch.more && !queuedMeanwhile) break;
  }
  await updateStatus(db, { phase: 'idle', lastSyncAt: now() });
  return { kind: 'ok', ...totals };
}

/** `heldCursor`: the cursor of the last answer held back, which the stored one lags behind. */
async function exchange(
  deps: SyncDeps,
  batch: QueuedBatch,
  token: string,
  heldCursor: string | undefined,
) {
  const [clientId, stored] = await Promise.all([
    getClientId(deps.db),
    getMeta(deps.db, PULL_CURSOR),
  ]);
  const cursor = heldCursor ?? stored;
  const mutations = batch.rows.map((row) => row.mutation);
  return deps.transport.sync(
    { v: PROTOCOL_VERSION, clientId, cursor: cursor ?? null, mutations },
    token,
  );
}

const countQueued = (db: ChatDb) => db.outbox.where('status').equals('queued').count();

async function fail(db: ChatDb, error: SyncError, now: () => number): Promise<SyncOutcome> {
  await recordFailure(db, error, now());
  return { kind: 'failed', error };
}

/**
 * A 400 names what the server refused. A cursor it no longer understands is dropped (a full
 * pull is safe: everything is upserted by id). A mutation the envelope refused is marked
 * failed so the rest of the queue can go. Anything else is not recoverable here.
 */
async function recoverFromBadRequest(db: ChatDb, error: SyncError, batch: QueuedBatch) {
  if (error.code !== syncErrorCodes.badRequest) return false;
  let recovered = false;
  for (const issue of error.details.issues ?? []) {
    const [head, index] = issue.path.split('.');
    if (head === 'cursor') {
      await setMeta(db, PULL_CURSOR, null);
      recovered = true;
    }
    const row = head === 'mutations' ? batch.rows[Number(index)] : undefined;
    if (row) {
      await db.transaction('rw', [db.outbox, db.messages, db.contacts, db.removed], () =>
        markFailed(db, row, { code: 'invalid', message: issue.message }),
      );
      recovered = true;
    }
  }
  return recovered;
}

/** A token the server refused is not offered again; the page will store a fresh one. */
async function forgetToken(db: ChatDb, refused: string) {
  await db.transaction('rw', db.meta, async () => {
    const stored = await getMeta(db, 'token');
    if (stored?.idToken === refused) await db.meta.delete('token');
  });
}
