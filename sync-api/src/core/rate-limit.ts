import { errorCodes, type MutationResult } from '../protocol/index.ts';
import type { SyncStore } from '../store/sync-store.ts';
import { type parseMutation, peerOf } from './apply-mutation.ts';

const MINUTE = 60_000;

export interface RateLimits {
  /** message.send per user per minute. */
  messagesPerMinute: number;
  /** contact.add / block / unblock / report per user per minute. */
  contactWritesPerMinute: number;
  /** receipt.read / receipt.delivered / draft.set per user per minute (coalesced by clients). */
  receiptsPerMinute: number;
}

type Kind = 'message' | 'contact' | 'receipt';

type Parsed = ReturnType<typeof parseMutation>;

/**
 * Decides which valid mutations of a batch fit this minute's limits: a prefix of each kind,
 * in batch order, and nothing about a peer after one of its mutations did not fit (so one
 * peer's mutations still apply in order). Returns the indexes allowed and the seconds until
 * the window resets.
 */
export async function admit(
  store: SyncStore,
  me: string,
  parsed: Parsed[],
  limits: RateLimits,
  now: number,
): Promise<{ allowed: Set<number>; retryAfter: number }> {
  const window = Math.floor(now / MINUTE);
  const kinds = { message: 0, contact: 0, receipt: 0 };
  // Edits and deletes count as messages (message-events.ts); receipts and drafts have their own.
  const kindOf = (p: Parsed): Kind =>
    p.ok && (p.mutation.type.startsWith('receipt.') || p.mutation.type === 'draft.set')
      ? 'receipt'
      : p.ok && p.mutation.type.startsWith('message.')
        ? 'message'
        : 'contact';
  for (const p of parsed) if (p.ok) kinds[kindOf(p)]++;
  const take = async (kind: Kind, limit: number) =>
    kinds[kind] === 0
      ? 0
      : store.takeRate(me, `rate#${kind}#${window}`, kinds[kind], limit, (window + 2) * MINUTE);
  const [messages, contacts, receipts] = await Promise.all([
    take('message', limits.messagesPerMinute),
    take('contact', limits.contactWritesPerMinute),
    take('receipt', limits.receiptsPerMinute),
  ]);
  const left = { message: messages, contact: contacts, receipt: receipts };
  const held = new Set<string>();
  const allowed = new Set<number>();
  parsed.forEach((p, i) => {
    if (!p.ok) return;
    const peer = peerOf(p.mutation);
    const kind = kindOf(p);
    if (held.has(peer) || left[kind] === 0) {
      held.add(peer);
      return;
    }
    left[kind]--;
    allowed.add(i);
  });
  return { allowed, retryAfter: Math.max(1, Math.ceil(((window + 1) * MINUTE - now) / 1000)) };
}

/** The answer for a mutation that did not fit, as the client understands it. */
export function limited(id: string, deferrable: boolean, retryAfter: number): MutationResult {
  return deferrable
    ? { id, status: 'deferred', retryAfter }
    : {
        id,
        status: 'rejected',
        error: {
          code: errorCodes.rateLimited,
          message: `too many changes this minute: try again in ${retryAfter} s`,
        },
      };
}
