import type { MutationResult, SyncRequest, SyncResponse } from '../protocol/index.ts';
import type { SyncStore } from '../store/sync-store.ts';
import { type ApplyContext, applyMutation, parseMutation, peerOf } from './apply-mutation.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { RateLimitedError } from './errors.ts';
import { pull } from './pull.ts';

export interface SyncCoreOptions {
  store: SyncStore;
  /** Server clock in ms. */
  now?: () => number;
  /** How far before the previous pull a pull re-reads (GSI lag and clock skew). Default 5000. */
  overlapMs?: number;
  /** message.send per user per minute. Default 600. */
  rateLimitPerMinute?: number;
  /** Messages per pull page. Default 500. */
  pageSize?: number;
  /** Rough cap on one response's message text. Default ~900 KB. */
  pageBytes?: number;
  /**
   * Live delivery (sync-api/src/realtime): called once the batch is applied, and run while this
   * request pulls, so connected devices hear of the change as early as possible. Must not throw
   * and must bound its own time: the response waits for it.
   */
  notify?: (me: string, request: SyncRequest, results: MutationResult[]) => Promise<void>;
}

export interface SyncCore {
  /**
   * Applies the request's mutations in order for the verified namespace `me`, then pulls.
   * Throws BadRequestError for a bad cursor, RateLimitedError (nothing applied) when the batch
   * would pass the write limit, and store errors as they come (the client retries the batch,
   * which is safe: every mutation is idempotent).
   */
  sync(me: string, request: SyncRequest): Promise<SyncResponse>;
}

const MINUTE = 60_000;

const GROUP_CONCURRENCY = 8;

/**
 * Applies a batch: mutations about the same peer in batch order (their effects on one contact
 * row and one conversation do not commute), different peers concurrently. One result per
 * mutation, in the request's order.
 */
async function applyInGroups(
  ctx: ApplyContext,
  me: string,
  parsed: ReturnType<typeof parseMutation>[],
): Promise<MutationResult[]> {
  const results: MutationResult[] = new Array(parsed.length);
  const groups = new Map<string, number[]>();
  parsed.forEach((p, i) => {
    if (!p.ok) {
      results[i] = p.result;
      return;
    }
    const key = peerOf(p.mutation);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const queue = [...groups.values()];
  const worker = async () => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const i of group) {
        const p = parsed[i];
        if (p?.ok) results[i] = await applyMutation(ctx, me, p.mutation);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(GROUP_CONCURRENCY, queue.length) }, worker));
  return results;
}

export function createSyncCore(options: SyncCoreOptions): SyncCore {
  const now = options.now ?? Date.now;
  const store = options.store;
  const overlapMs = options.overlapMs ?? 5000;
  const rateLimit = options.rateLimitPerMinute ?? 600;
  const receiptTtlMs = 30 * 24 * 3600 * 1000;
  const pullOptions = {
    store,
    now,
    overlapMs,
    pageSize: options.pageSize ?? 500,
    pageBytes: options.pageBytes ?? 900_000,
  };

  async function enforceRateLimit(me: string, writes: number) {
    if (writes === 0) return;
    const t = now();
    const bucket = `rate#${Math.floor(t / MINUTE)}`;
    if (!(await store.consumeRate(me, bucket, writes, rateLimit))) {
      throw new RateLimitedError(Math.max(1, Math.ceil((MINUTE - (t % MINUTE)) / 1000)));
    }
  }

  return {
    async sync(me, request) {
      const cursor = decodeCursor(request.cursor);
      const parsed = request.mutations.map(parseMutation);
      const sends = parsed.filter((p) => p.ok && p.mutation.type === 'message.send').length;
      await enforceRateLimit(me, sends);
      let last = 0;
      const stamp = (floor = 0) => {
        last = Math.max(now(), last + 1, floor + 1);
        return last;
      };
      const ctx = { store, now, stamp, receiptTtlMs };
      const results = await applyInGroups(ctx, me, parsed);
      const notified = options.notify?.(me, request, results).catch(() => undefined);
      const pulled = await pull(pullOptions, me, cursor);
      await notified;
      return {
        results,
        changes: { contacts: pulled.contacts, messages: pulled.messages },
        cursor: encodeCursor(pulled.cursor),
        more: pulled.more,
      };
    },
  };
}
