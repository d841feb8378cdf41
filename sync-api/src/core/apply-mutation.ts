import * as v from 'valibot';
import {
  compositeNamespace,
  errorCodes,
  issuePath,
  type Mutation,
  type MutationResult,
  mutationSchema,
} from '../protocol/index.ts';
import type { ContactUpdate, SyncStore } from '../store/sync-store.ts';

export interface ApplyContext {
  store: SyncStore;
  now: () => number;
  /**
   * A server time strictly greater than the previous stamp of this request and than `floor`,
   * so messages keep their order even when the clock does not tick between them or steps
   * back between Lambda instances.
   */
  stamp: (floor?: number) => number;
  /** How long receipts of contact mutations are kept (DynamoDB TTL in AWS). */
  receiptTtlMs: number;
}

const knownTypes = new Set<string>(mutationSchema.options.map((o) => o.entries.type.literal));

const rejected = (id: string, code: string, message: string): MutationResult => ({
  id,
  status: 'rejected',
  error: { code, message },
});

/** Validates one mutation; a bad one is rejected without failing the batch. */
export function parseMutation(raw: {
  id: string;
  type: string;
}): { ok: true; mutation: Mutation } | { ok: false; result: MutationResult } {
  if (!knownTypes.has(raw.type)) {
    return {
      ok: false,
      result: rejected(raw.id, errorCodes.unknownType, `unknown mutation type "${raw.type}"`),
    };
  }
  const parsed = v.safeParse(mutationSchema, raw);
  if (parsed.success) return { ok: true, mutation: parsed.output };
  const message = parsed.issues.map((i) => `${issuePath(i)}: ${i.message}`).join('; ');
  return { ok: false, result: rejected(raw.id, errorCodes.invalid, message) };
}

/** Applies one valid mutation for the verified namespace `me`. Throws only on store failure. */
/** The contact a mutation is about: mutations about different peers commute. */
export function peerOf(mutation: Mutation): string {
  return mutation.type === 'message.send' ? mutation.to : mutation.email;
}

export async function applyMutation(
  ctx: ApplyContext,
  me: string,
  mutation: Mutation,
): Promise<MutationResult> {
  if (mutation.type === 'message.send') return sendMessage(ctx, me, mutation);
  if (mutation.email === me) {
    return rejected(mutation.id, errorCodes.self, 'you cannot do this to yourself');
  }
  switch (mutation.type) {
    case 'contact.add':
      return withReceipt(ctx, me, mutation.id, () =>
        upsert(ctx, me, mutation.email, {
          set: { name: mutation.name, request: false },
          ifAbsent: { blocked: false, reported: false, lastMessageAt: null },
        }),
      );
    case 'contact.block':
    case 'contact.unblock': {
      const blocked = mutation.type === 'contact.block';
      return withReceipt(ctx, me, mutation.id, () =>
        upsert(ctx, me, mutation.email, {
          set: blocked ? { blocked, request: false } : { blocked },
          ifAbsent: { name: '', request: false, reported: false, lastMessageAt: null },
        }),
      );
    }
    case 'contact.report':
      return withReceipt(ctx, me, mutation.id, async () => {
        await ctx.store.putReport({
          reported: mutation.email,
          id: mutation.id,
          reporter: me,
          reason: mutation.reason,
          createdAt: ctx.now(),
        });
        await upsert(ctx, me, mutation.email, {
          set: { reported: true },
          ifAbsent: { name: '', blocked: false, request: false, lastMessageAt: null },
        });
      });
  }
}

function upsert(ctx: ApplyContext, owner: string, email: string, update: ContactUpdate) {
  return ctx.store.upsertContact(owner, email, update, ctx.now());
}

/**
 * Contact mutations are made idempotent by a receipt written after their effect: a replay
 * finds the receipt and changes nothing (so an old block replayed after an unblock does not
 * re-block); a crash before the receipt re-applies the same effect on retry.
 */
async function withReceipt(
  ctx: ApplyContext,
  me: string,
  id: string,
  effect: () => Promise<void>,
): Promise<MutationResult> {
  if (await ctx.store.hasReceipt(me, id)) return { id, status: 'duplicate' };
  await effect();
  await ctx.store.putReceipt(me, id, ctx.now() + ctx.receiptTtlMs);
  return { id, status: 'applied' };
}

type SendMutation = Extract<Mutation, { type: 'message.send' }>;

/**
 * message.send without transactions. Order of writes, each safe to crash after:
 * 1. conditional put of the message as `pending` (invisible: no serverTime, not in the index);
 * 2. the sender's and (unless blocked) the recipient's contact rows are bumped;
 * 3. the message is stamped with serverTime and marked done, which makes it pullable.
 * A retry that finds it pending redoes 2 and 3 with fresh stamps, so a retry hours later is
 * still seen by pulls whose horizon has moved past the first attempt.
 */
async function sendMessage(
  ctx: ApplyContext,
  me: string,
  m: SendMutation,
): Promise<MutationResult> {
  if (m.to === me) return rejected(m.id, errorCodes.self, 'you cannot message yourself');
  const message = {
    id: m.id,
    sender: me,
    recipient: m.to,
    body: m.body,
    sentAt: m.sentAt,
    compositeNamespace: compositeNamespace(me, m.to),
  };
  let status: MutationResult['status'] = 'applied';
  if (!(await ctx.store.putMessageIfAbsent(message))) {
    const existing = await ctx.store.getMessage(m.id);
    if (!existing) throw new Error(`message ${m.id} vanished`);
    const same =
      existing.sender === me &&
      existing.recipient === m.to &&
      existing.body === m.body &&
      existing.sentAt === m.sentAt;
    if (!same) {
      return rejected(m.id, errorCodes.idConflict, 'this id belongs to another message');
    }
    if (existing.state === 'done') return { id: m.id, status: 'duplicate' };
    status = 'duplicate';
  }
  const [recipientView, senderView] = await Promise.all([
    ctx.store.getContact(m.to, me),
    ctx.store.getContact(me, m.to),
  ]);
  const hidden = recipientView?.blocked === true;
  // The sender's row carries the conversation's latest stamp: stay after it.
  const bumpedAt = ctx.stamp(senderView?.lastMessageAt ?? 0);
  // The two rows are independent: bump them together. Both land before the message is done.
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
  await ctx.store.completeMessage(m.id, ctx.stamp(), hidden);
  return { id: m.id, status };
}
