/**
 * receipt.read / receipt.delivered: watermarks on contact rows, merged with max().
 *
 * - My row (me, peer) gets `readAt` from receipt.read: my other devices pull it and clear the
 *   conversation's unread count up to it.
 * - The peer's row (peer, me) gets `peerDeliveredAt` (both kinds) and `peerReadAt`
 *   (receipt.read with `share` not false): the peer's devices pull it and move their ticks.
 *   Only when neither row blocks the other and neither is a pending message request (the
 *   rows' flags at the time of the receipt; a receipt refused then is not replayed later).
 *
 * A watermark is clamped to what the conversation can hold (clampMark), and each write raises fields only (read-modify-write conditional on `rev`, retried on
 * a lost race), so a replay, a late copy or two concurrent deliveries of one batch end in the
 * same state. Neither write touches lastMessageAt, names, flags or the block log; each moves
 * the row's updatedAt so since-cursor pulls return it.
 */
import { errorCodes, type MutationResult, type ReceiptMutation } from '../protocol/index.ts';
import type { RowExtras, StoredContact } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';
import { readReceiptsOn } from './settings.ts';
import { writeContactStamped } from './stamped-write.ts';

const MARKS = ['readAt', 'peerReadAt', 'peerDeliveredAt'] as const;

export const isReceiptMutation = (m: { type: string }): m is ReceiptMutation =>
  m.type === 'receipt.read' || m.type === 'receipt.delivered';

/** The watermarks a pulled contact carries (absent ones are left out). */
export function receiptFields(c: RowExtras): Pick<RowExtras, (typeof MARKS)[number]> {
  const out: Pick<RowExtras, (typeof MARKS)[number]> = {};
  for (const key of MARKS) if (c[key] !== undefined) out[key] = c[key];
  return out;
}

/** Every receipt and draft field of a stored row, for a write that must keep them. */
export const keptFields = (c: RowExtras): RowExtras => ({
  ...receiptFields(c),
  ...(c.draft !== undefined && { draft: c.draft }),
  ...(c.draftVersion !== undefined && { draftVersion: c.draftVersion }),
  ...(c.muted !== undefined && { muted: c.muted }),
  ...(c.muteVersion !== undefined && { muteVersion: c.muteVersion }),
  ...(c.clearedAt !== undefined && { clearedAt: c.clearedAt }),
  ...(c.readReceipts !== undefined && { readReceipts: c.readReceipts }),
  ...(c.readReceiptsVersion !== undefined && { readReceiptsVersion: c.readReceiptsVersion }),
});

/** How far past the server's clock a mark may point (stamps of instances whose clocks lead). */
export const MARK_SLACK_MS = 60_000;

/**
 * A claimed mark held to what the conversation can hold: its lastMessageAt, or the server's
 * clock plus a minute (lastMessageAt alone is not enough: two runs of sends to one
 * conversation on instances whose clocks differ may leave it below a stamp just read).
 */
export const clampMark = (at: number, row: StoredContact, now: number) =>
  Math.min(at, Math.max(row.lastMessageAt ?? 0, now + MARK_SLACK_MS));

/** Whether receipts may cross between the two rows of a conversation. */
export const receiptsAllowed = (mine: StoredContact, theirs: StoredContact | undefined) =>
  theirs !== undefined && !mine.blocked && !mine.request && !theirs.blocked && !theirs.request;

export function rowState(row: StoredContact) {
  return {
    name: row.name,
    blocked: row.blocked,
    request: row.request,
    reported: row.reported,
    blockLog: row.blockLog,
    ...(row.nameVersion !== undefined && { nameVersion: row.nameVersion }),
    ...(row.blockVersion !== undefined && { blockVersion: row.blockVersion }),
    ...keptFields(row),
  };
}

/**
 * Raises `marks` on the row (owner, email) where they are greater. Returns whether it wrote;
 * false when the row does not exist or already holds as much.
 */
export async function raiseMarks(
  ctx: ApplyContext,
  owner: string,
  email: string,
  marks: RowExtras,
): Promise<boolean> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await ctx.store.getContact(owner, email);
    if (!row) return false;
    const raised = MARKS.filter(
      (k) => marks[k] !== undefined && (marks[k] as number) > (row[k] ?? -1),
    );
    if (raised.length === 0) return false;
    const next = { ...rowState(row) };
    for (const k of raised) next[k] = marks[k] as number;
    if (await writeContactStamped(ctx, owner, email, next, row.rev, row.updatedAt)) {
      return true;
    }
  }
  throw new Error(`receipt ${owner} / ${email}: too much contention`);
}

export async function applyReceipt(
  ctx: ApplyContext,
  me: string,
  m: ReceiptMutation,
): Promise<MutationResult> {
  const mine = await ctx.store.getContact(me, m.email);
  if (!mine || mine.lastMessageAt === null) {
    return {
      id: m.id,
      status: 'rejected',
      error: {
        code: errorCodes.notAContact,
        message: 'there is no conversation with this address',
      },
    };
  }
  const at = clampMark(m.type === 'receipt.read' ? m.readAt : m.deliveredAt, mine, ctx.now());
  let changed = false;
  if (m.type === 'receipt.read') changed = await raiseMarks(ctx, me, m.email, { readAt: at });
  const theirs = await ctx.store.getContact(m.email, me);
  if (receiptsAllowed(mine, theirs)) {
    // Read marks cross only when both the reader and the peer have read receipts on (the
    // account setting, core/settings.ts) and this device did not say otherwise.
    const share =
      m.type === 'receipt.read' &&
      m.share !== false &&
      (await readReceiptsOn(ctx, me)) &&
      (await readReceiptsOn(ctx, m.email));
    const marks: RowExtras = share
      ? { peerReadAt: at, peerDeliveredAt: at }
      : { peerDeliveredAt: at };
    changed = (await raiseMarks(ctx, m.email, me, marks)) || changed;
  }
  return { id: m.id, status: changed ? 'applied' : 'duplicate' };
}

/** Who has an account (the identity bindings, store/identity-store.ts). */
export interface Accounts {
  exists(email: string): Promise<boolean>;
}

/**
 * `peerJoined: false` on a pulled row whose peer has no account yet, so the conversation can
 * say why my messages stay "sent". Asked only for rows that changed (this pull returns them),
 * have a conversation, no delivered mark and are not a request (a request's sender exists).
 */
export async function withJoinState<C extends object>(
  contact: C,
  row: StoredContact,
  accounts: Accounts | undefined,
): Promise<C> {
  if (!accounts || row.lastMessageAt === null || row.peerDeliveredAt !== undefined || row.request) {
    return contact;
  }
  return (await accounts.exists(row.email)) ? contact : { ...contact, peerJoined: false };
}

/**
 * A device's first pull (no cursor): the people who wrote to `me` before `me` had an account
 * see `peerJoined: false` on their rows. Bumping those rows (updatedAt only) makes their next
 * pull ask again, so the notice goes once `me` has joined. Idempotent; only rows without a
 * delivered mark, and only rows that exist.
 */
export async function announceJoin(ctx: ApplyContext, me: string): Promise<void> {
  const mine = await ctx.store.queryContactsChangedSince(me, 0);
  const waiting = mine.filter((row) => row.request && row.lastMessageAt !== null);
  await Promise.all(
    waiting.map(async (row) => {
      const theirs = await ctx.store.getContact(row.email, me);
      if (!theirs || theirs.peerDeliveredAt !== undefined) return;
      await ctx.store.upsertContact(
        row.email,
        me,
        { set: {}, ifAbsent: {} },
        ctx.stamp(theirs.updatedAt),
      );
    }),
  );
}
