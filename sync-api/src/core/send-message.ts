import {
  compositeNamespace,
  errorCodes,
  type Mutation,
  type MutationResult,
} from '../protocol/index.ts';
import type { ApplyContext } from './apply-mutation.ts';

type SendMutation = Extract<Mutation, { type: 'message.send' }>;

/** Rounds of fresh stamps a send may take when the store keeps being slow, then it fails (500). */
const MAX_ROUNDS = 5;

/**
 * message.send without transactions. Order of writes, each safe to crash after:
 * 1. conditional put of the message as `pending` (invisible: no serverTime, not in the index);
 * 2. both participants' contact rows get lastMessageAt = a fresh stamp (the recipient's even
 *    when they block the sender: whether the blocker sees it is decided at pull time from the
 *    row's block log, never from a flag read before the writes);
 * 3. the message is stamped with serverTime and marked done, which makes it pullable.
 * Pulls find a conversation through its rows' lastMessageAt, then read its messages stamped
 * after their horizon, so the stamps of 2 and 3 must reach the index within the overlap
 * window of the pulls that run meanwhile. If 2 and 3 together took longer than the write
 * budget, they are simply redone with fresh stamps (both are idempotent) until one round fits.
 * A retry that finds the message pending does the same, so a retry hours later is still seen.
 */
export async function sendMessage(
  ctx: ApplyContext,
  me: string,
  m: SendMutation,
): Promise<MutationResult> {
  if (m.to === me) {
    return {
      id: m.id,
      status: 'rejected',
      error: { code: errorCodes.self, message: 'you cannot message yourself' },
    };
  }
  let status: MutationResult['status'] = 'applied';
  const message = {
    id: m.id,
    sender: me,
    recipient: m.to,
    body: m.body,
    sentAt: m.sentAt,
    compositeNamespace: compositeNamespace(me, m.to),
  };
  if (!(await ctx.store.putMessageIfAbsent(message))) {
    const existing = await ctx.store.getMessage(m.id);
    if (!existing) throw new Error(`message ${m.id} vanished`);
    const same =
      existing.sender === me &&
      existing.recipient === m.to &&
      existing.body === m.body &&
      existing.sentAt === m.sentAt;
    if (!same) {
      return {
        id: m.id,
        status: 'rejected',
        error: { code: errorCodes.idConflict, message: 'this id belongs to another message' },
      };
    }
    if (existing.state === 'done') return { id: m.id, status: 'duplicate' };
    status = 'duplicate';
  }
  // The sender's row carries the conversation's latest stamp: stay after it.
  const [senderView, stale] = await Promise.all([
    ctx.store.getContact(me, m.to),
    ctx.plantedBugs?.has('stale-block-flag') ? ctx.store.getContact(m.to, me) : undefined,
  ]);
  const hidden = stale?.blocked === true;
  let floor = senderView?.lastMessageAt ?? 0;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const started = ctx.now();
    const bumpedAt = ctx.stamp(floor);
    await Promise.all([
      ctx.store.upsertContact(
        me,
        m.to,
        {
          set: { lastMessageAt: bumpedAt, request: false },
          ifAbsent: { name: '', blocked: false, reported: false },
        },
        bumpedAt,
      ),
      hidden ||
        ctx.store.upsertContact(
          m.to,
          me,
          {
            set: { lastMessageAt: bumpedAt },
            ifAbsent: { name: '', request: true, blocked: false, reported: false },
          },
          bumpedAt,
        ),
    ]);
    // The message's serverTime is the rows' lastMessageAt: a block read from the row later
    // is stamped after it (contact-mutations.ts), so the message stays on the right side.
    const serverTime = bumpedAt;
    await ctx.store.completeMessage(m.id, serverTime, hidden);
    if (ctx.now() - started <= ctx.writeBudgetMs || ctx.plantedBugs?.has('no-restamp')) {
      return { id: m.id, status };
    }
    floor = serverTime;
  }
  throw new Error(`message ${m.id}: the store stayed slower than the write budget`);
}
