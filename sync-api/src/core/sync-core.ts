import type { MutationResult, SyncRequest, SyncResponse } from '../protocol/index.ts';
import type { PushContext } from '../push/apply.ts';
import type { SyncStore } from '../store/sync-store.ts';
import {
  type ApplyContext,
  applyMutation,
  type PlantedBug,
  parseMutation,
  peerOf,
} from './apply-mutation.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { RateLimitedError } from './errors.ts';
import { pull } from './pull.ts';
import { admit, limited } from './rate-limit.ts';
import { type Accounts, announceJoin } from './receipts.ts';
import { MAX_RESPONSE_BYTES, payloadBytes } from './response-size.ts';
import { type SendMutation, sendMessages } from './send-message.ts';

export interface SyncCoreOptions {
  store: SyncStore;
  /** Server clock in ms. */
  now?: () => number;
  /** How far before the previous pull a pull re-reads (GSI lag and clock skew). Default 5000. */
  overlapMs?: number;
  /** message.send per user per minute. Default 600. */
  rateLimitPerMinute?: number;
  /** contact.add/block/unblock/report per user per minute. Default 60. */
  contactWritesPerMinute?: number;
  /** receipt.read/delivered per user per minute. Default 600. */
  receiptsPerMinute?: number;
  /** Messages per pull page. Default 500. */
  pageSize?: number;
  /** Most bytes of one answer as Lambda sends it. Default 6,000,000 (Lambda allows 6,291,456). */
  maxResponseBytes?: number;
  /** A send's two stamped writes are redone when together they took longer. Default 500. */
  writeBudgetMs?: number;
  /** Contact rows a user may create by add/block/unblock (not strangers' requests). Default 2000. */
  maxContacts?: number;
  /** Days a report is kept (REPORTS_RETENTION_DAYS). Default 365. */
  reportRetentionDays?: number;
  /** Web Push subscriptions (sync-api/src/push); absent = push.* mutations are refused. */
  push?: PushContext;
  /** Test-only (simulator): reverted fixes, see PlantedBug. */
  plantedBugs?: readonly PlantedBug[];
  /**
   * Live delivery (sync-api/src/realtime): called once the batch is applied, and run while this
   * request pulls, so connected devices hear of the change as early as possible. Must not throw
   * and must bound its own time: the response waits for it.
   */
  notify?: (me: string, request: SyncRequest, results: MutationResult[]) => Promise<void>;
  /** Who has an account (the identity bindings); absent = rows never say `peerJoined`. */
  accounts?: Accounts;
}

export interface SyncCore {
  /**
   * Applies the request's mutations in order for the verified namespace `me`, then pulls.
   * Throws BadRequestError for a bad cursor, RateLimitedError (nothing applied) when no write
   * of the batch fits the rate limit and the client cannot take `deferred`, and store errors
   * as they come (the client retries the batch, which is safe: every mutation is idempotent).
   */
  sync(me: string, request: SyncRequest): Promise<SyncResponse>;
}

const GROUP_CONCURRENCY = 8;
/** Room for the status line, headers and the longest cursor around the answer. */
const ENVELOPE_RESERVE_BYTES = 2048;

/**
 * Applies a batch: mutations about the same peer in batch order (their effects on one contact
 * row and one conversation do not commute), different peers concurrently. A peer's consecutive
 * sends (up to its next contact mutation) are applied as one run (send-message.ts). One result
 * per mutation, in the request's order.
 */
async function applyInGroups(
  ctx: ApplyContext,
  me: string,
  parsed: ReturnType<typeof parseMutation>[],
  results: MutationResult[],
): Promise<void> {
  const groups = new Map<string, number[]>();
  parsed.forEach((p, i) => {
    if (!p.ok || results[i]) return;
    const key = peerOf(p.mutation);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (let g = 0; g < group.length; ) {
        // Consecutive sends to the peer go as one run: one bump of the conversation's rows.
        const run: { i: number; m: SendMutation }[] = [];
        for (; g < group.length; g++) {
          const i = group[g] as number;
          const p = parsed[i];
          if (!p?.ok || p.mutation.type !== 'message.send') break;
          run.push({ i, m: p.mutation });
        }
        if (run.length > 0) {
          const sent = await sendMessages(
            ctx,
            me,
            run.map((r) => r.m),
          );
          run.forEach((r, k) => {
            results[r.i] = sent[k] as MutationResult;
          });
          continue;
        }
        const i = group[g++] as number;
        const p = parsed[i];
        if (p?.ok) results[i] = await applyMutation(ctx, me, p.mutation);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, queue.length) }, worker));
}

export function createSyncCore(options: SyncCoreOptions): SyncCore {
  const now = options.now ?? Date.now;
  const store = options.store;
  const plantedBugs = new Set(options.plantedBugs ?? []);
  const limits = {
    messagesPerMinute: options.rateLimitPerMinute ?? 600,
    contactWritesPerMinute: options.contactWritesPerMinute ?? 60,
    receiptsPerMinute: options.receiptsPerMinute ?? 600,
  };
  const maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
  const pullOptions = {
    store,
    now,
    overlapMs: options.overlapMs ?? 5000,
    pageSize: options.pageSize ?? 500,
    plantedBugs,
    accounts: options.accounts,
  };

  return {
    async sync(me, request) {
      const cursor = decodeCursor(request.cursor);
      const parsed = request.mutations.map(parseMutation);
      const results: MutationResult[] = parsed.map((p) =>
        p.ok ? undefined : p.result,
      ) as MutationResult[];
      const { allowed, retryAfter } = await admit(store, me, parsed, limits, now());
      const valid = parsed.filter((p) => p.ok).length;
      const deferrable = request.deferrable === true;
      if (valid > 0 && allowed.size === 0 && !deferrable) throw new RateLimitedError(retryAfter);
      parsed.forEach((p, i) => {
        if (p.ok && !allowed.has(i)) results[i] = limited(p.mutation.id, deferrable, retryAfter);
      });
      let last = 0;
      const stamp = (floor = 0) => {
        last = Math.max(now(), last + 1, floor + 1);
        return last;
      };
      const writeBudgetMs = options.writeBudgetMs ?? 500;
      const maxContacts = options.maxContacts ?? 2000;
      const reportRetentionMs = (options.reportRetentionDays ?? 365) * 24 * 3600 * 1000;
      const ctx: ApplyContext = {
        store,
        now,
        stamp,
        writeBudgetMs,
        maxContacts,
        reportRetentionMs,
        plantedBugs,
        ...(options.push && { push: options.push }),
      };
      await applyInGroups(ctx, me, parsed, results);
      if (request.cursor === null && options.accounts) await announceJoin(ctx, me);
      const notified = options.notify?.(me, request, results).catch(() => undefined);
      const shell = { results, changes: { contacts: [], messages: [] }, cursor: '', more: true };
      const budget = maxResponseBytes - ENVELOPE_RESERVE_BYTES - payloadBytes(shell);
      const pulled = await pull(pullOptions, me, cursor, budget, request.v);
      await notified;
      return {
        results,
        changes: {
          contacts: pulled.contacts,
          messages: pulled.messages,
          // v1 clients never get events (nor the field): see pull.ts.
          ...(request.v >= 2 && { events: pulled.events }),
          ...(pulled.settings && { settings: pulled.settings }),
        },
        cursor: encodeCursor(pulled.cursor),
        more: pulled.more,
      };
    },
  };
}
