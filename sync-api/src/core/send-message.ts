import {
  compositeNamespace,
  errorCodes,
  lifecycleErrorCodes,
  type Mutation,
  type MutationResult,
} from '../protocol/index.ts';
import type { NewMessage } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';

export type SendMutation = Extract<Mutation, { type: 'message.send' }>;

/** Rounds of fresh stamps a send may take when the store keeps being slow, then it fails (500). */
const MAX_ROUNDS = 5;
/**
 * Most sends stamped in one round: the round's writes must fit the write budget, so a longer
 * run is applied as several, one after another (3 more requests each).
 */
const MAX_RUN = 25;

const rejected = (id: string, code: string, message: string): MutationResult => ({
  id,
  status: 'rejected',
  error: { code, message },
});

const sameContent = (a: Omit<NewMessage, 'compositeNamespace'>, b: SendMutation, me: string) =>
  a.sender === me &&
  a.recipient === b.to &&
  a.body === b.body &&
  a.sentAt === b.sentAt &&
  a.replyTo === b.replyTo;

/**
 * A reply's original must be a message of the same conversation. One the server does not
 * have (yet) passes: it may be in flight in this very run, and clients show "not available"
 * for an original they do not have.
 */
async function replyFits(ctx: ApplyContext, replyTo: string, reply: NewMessage) {
  if (replyTo === reply.id) return false;
  const original = await ctx.store.getMessage(replyTo);
  return (
    !original ||
    (original.kind === undefined && original.compositeNamespace === reply.compositeNamespace)
  );
}

/**
 * Step 1 for every message of the run: a conditional put as `pending`. An id that exists
 * already is read back: the same message still pending is finished again (`duplicate`), one
 * already done is only acknowledged, anything else under that id is refused.
 */
async function putPending(
  ctx: ApplyContext,
  me: string,
  m: SendMutation,
): Promise<{ result: MutationResult; finish: boolean }> {
  const message: NewMessage = {
    id: m.id,
    sender: me,
    recipient: m.to,
    body: m.body,
    sentAt: m.sentAt,
    compositeNamespace: compositeNamespace(me, m.to),
    ...(m.replyTo !== undefined && { replyTo: m.replyTo }),
  };
  if (m.replyTo !== undefined && !(await replyFits(ctx, m.replyTo, message))) {
    const text = 'replyTo names a message of another conversation';
    return { result: rejected(m.id, lifecycleErrorCodes.replyNotFound, text), finish: false };
  }
  if (await ctx.store.putMessageIfAbsent(message)) {
    return { result: { id: m.id, status: 'applied' }, finish: true };
  }
  const existing = await ctx.store.getMessage(m.id);
  if (!existing) throw new Error(`message ${m.id} vanished`);
  if (!sameContent(existing, m, me)) {
    return {
      result: rejected(m.id, errorCodes.idConflict, 'this id belongs to another message'),
      finish: false,
    };
  }
  return { result: { id: m.id, status: 'duplicate' }, finish: existing.state !== 'done' };
}

/**
 * message.send for a run of consecutive sends to one peer (a batch's sends to that peer up to
 * its next contact mutation), without transactions. Order of writes, each safe to crash after:
 * 1. conditional puts of every message as `pending` (invisible: no serverTime, not in the
 *    index), concurrently;
 * 2. one read of the sender's row, then both participants' contact rows get lastMessageAt =
 *    the run's last stamp, once for the whole run (the recipient's even when they block the
 *    sender: whether the blocker sees a message is decided at pull time from the row's block
 *    log, never from a flag read before the writes);
 * 3. every message is stamped with its own serverTime (strictly increasing in batch order, all
 *    at or before the rows' stamp) and marked done, concurrently, which makes it pullable.
 * So a run of n sends costs n puts + n completes + 3 requests, where one send at a time cost 5;
 * a run longer than MAX_RUN is applied in parts of MAX_RUN, each through 1-3 in turn.
 * Pulls find a conversation through its rows' lastMessageAt, then read its messages stamped
 * after their horizon, so the stamps of 2 and 3 must reach the index within the overlap
 * window of the pulls that run meanwhile. If 2 and 3 together took longer than the write
 * budget, they are simply redone with fresh stamps (both are idempotent) until one round fits.
 * A retry that finds a message pending does the same, so a retry hours later is still seen.
 * Returns one result per mutation of `run`, in order.
 */
export async function sendMessages(
  ctx: ApplyContext,
  me: string,
  run: readonly SendMutation[],
): Promise<MutationResult[]> {
  const to = run[0]?.to;
  if (to === undefined) return [];
  if (run.some((m) => m.to !== to)) throw new Error('sendMessages: a run is about one peer');
  if (to === me)
    return run.map((m) => rejected(m.id, errorCodes.self, 'you cannot message yourself'));
  // The same id twice in one run is written once; the later copies are judged against it.
  const first = new Map<string, number>();
  run.forEach((m, i) => {
    if (!first.has(m.id)) first.set(m.id, i);
  });
  const unique = [...first.values()].map((i) => run[i] as SendMutation);
  const put: Awaited<ReturnType<typeof putPending>>[] = [];
  for (let start = 0; start < unique.length; start += MAX_RUN) {
    const chunk = unique.slice(start, start + MAX_RUN);
    // The planted bug `stale-block-flag`: "has the recipient blocked me", read before the writes.
    const stale = ctx.plantedBugs?.has('stale-block-flag') ? ctx.store.getContact(to, me) : null;
    const done = await Promise.all(chunk.map((m) => putPending(ctx, me, m)));
    put.push(...done);
    const live = chunk.filter((_, i) => done[i]?.finish);
    const hidden = (await stale)?.blocked === true;
    if (live.length > 0) await stampAndComplete(ctx, me, to, live, hidden);
  }
  const byId = new Map(unique.map((m, i) => [m.id, { m, result: put[i]?.result }]));
  return run.map((m, i) => {
    const original = byId.get(m.id);
    if (!original?.result) throw new Error(`message ${m.id}: no result`);
    if (first.get(m.id) === i) return original.result;
    if (!sameContent({ ...original.m, sender: me, recipient: original.m.to }, m, me)) {
      return rejected(m.id, errorCodes.idConflict, 'this id belongs to another message');
    }
    return original.result.status === 'rejected'
      ? original.result
      : { id: m.id, status: 'duplicate' };
  });
}

/** Steps 2 and 3 for the messages of a run that are put and not yet done. */
async function stampAndComplete(
  ctx: ApplyContext,
  me: string,
  to: string,
  live: readonly SendMutation[],
  /** Only ever true under the planted bug `stale-block-flag`. */
  hidden: boolean,
): Promise<void> {
  // The sender's row carries the conversation's latest stamp: stay after it.
  const senderView = await ctx.store.getContact(me, to);
  let floor = senderView?.lastMessageAt ?? 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const started = ctx.now();
    const stamps = live.map(() => ctx.stamp(floor));
    const bumpedAt = stamps.at(-1) as number;
    await Promise.all([
      ctx.store.upsertContact(
        me,
        to,
        {
          set: { lastMessageAt: bumpedAt, request: false },
          ifAbsent: { name: '', blocked: false, reported: false },
        },
        bumpedAt,
      ),
      hidden ||
        ctx.store.upsertContact(
          to,
          me,
          {
            set: { lastMessageAt: bumpedAt },
            ifAbsent: { name: '', request: true, blocked: false, reported: false },
          },
          bumpedAt,
        ),
    ]);
    // Each message's serverTime is at or before the rows' lastMessageAt: a block read from the
    // row later is stamped after it (contact-mutations.ts), so the message stays on the right
    // side; a pull that finds the rows reads every message of the run.
    await Promise.all(
      live.map((m, i) => ctx.store.completeMessage(m.id, stamps[i] as number, hidden)),
    );
    if (ctx.now() - started <= ctx.writeBudgetMs || ctx.plantedBugs?.has('no-restamp')) return;
    floor = bumpedAt;
  }
  throw new Error(
    `messages ${live.map((m) => m.id).join(', ')}: the store stayed slower than the write budget`,
  );
}
