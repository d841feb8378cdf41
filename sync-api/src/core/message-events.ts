import {
  lifecycleErrorCodes as codes,
  compositeNamespace,
  errorCodes,
  lifecycleLimits,
  type Mutation,
  type MutationResult,
} from '../protocol/index.ts';
import type { NewMessage, StoredMessage } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';
import { mutationVersion, uuidV7Time } from './versions.ts';

export type EventMutation = Extract<
  Mutation,
  { type: 'message.edit' | 'message.delete' | 'message.hide' }
>;

const kinds = {
  'message.edit': 'edit',
  'message.delete': 'delete',
  'message.hide': 'hide',
} as const;

/** Rounds of fresh stamps an event may take while the store is slow (as send-message.ts). */
const MAX_ROUNDS = 5;
/** Re-reads of the target when concurrent edits keep winning its conditional write. */
const MAX_REVISE_TRIES = 20;

export const isEventMutation = (m: Mutation): m is EventMutation => m.type in kinds;

const rejected = (id: string, code: string, message: string): MutationResult => ({
  id,
  status: 'rejected',
  error: { code, message },
});

/** Same event under the same id (a replay). An erased edit has lost its body: not compared. */
const sameEvent = (a: StoredMessage, b: NewMessage) =>
  a.kind === b.kind &&
  a.target === b.target &&
  a.sender === b.sender &&
  a.compositeNamespace === b.compositeNamespace &&
  (a.deleted === true || a.body === b.body);

/** Why `m` may not change `target` now, or null. Only checked before the event is first put. */
function refusal(
  ctx: ApplyContext,
  me: string,
  m: EventMutation,
  target: StoredMessage | undefined,
): MutationResult | null {
  const conversation = compositeNamespace(me, m.peer);
  if (
    target?.state !== 'done' ||
    target.kind !== undefined ||
    target.compositeNamespace !== conversation ||
    target.serverTime === undefined
  ) {
    return rejected(m.id, codes.notFound, 'no such message in this conversation');
  }
  if (m.type === 'message.hide') return null;
  if (target.sender !== me) {
    return rejected(m.id, codes.notSender, 'only the sender can change this message');
  }
  const age = ctx.now() - target.serverTime;
  if (m.type === 'message.delete') {
    return age > lifecycleLimits.deleteWindowMs
      ? rejected(m.id, codes.deleteWindow, 'messages can be deleted for everyone for 48 hours')
      : null;
  }
  if (target.deleted) return rejected(m.id, codes.deleted, 'this message was deleted');
  if (age > lifecycleLimits.editWindowMs) {
    return rejected(m.id, codes.editWindow, 'messages can be edited for 24 hours');
  }
  if ((target.editIds?.length ?? 0) >= lifecycleLimits.maxEdits) {
    return rejected(m.id, codes.editLimit, 'a message can be edited at most 10 times');
  }
  return null;
}

/**
 * message.edit, message.delete and message.hide: a change to an earlier message, written as
 * its own event item in the conversation (id = the mutation's id) through the send's
 * crash-safe order, so every device pulls it after the cursor like a message:
 * 1. checks against the target (only before the event exists: a retry of an accepted change
 *    is finished even once the window has passed), then a conditional put of the event as
 *    `pending` (invisible);
 * 2. the target itself: an edit appends its id to `editIds` (conditional on their number, so
 *    concurrent edits and duplicate deliveries each count once and the cap holds) and sets
 *    the body when its version is the newest; a delete erases the target's body and those of
 *    its edits; a hide changes nothing there. The target's serverTime never moves;
 * 3. the conversation's rows get `lastEventAt` (only the owner's for a hide), so pulls read
 *    the conversation, then the event is stamped and marked done: now it is pullable.
 * A device that pulls the target later gets its final state directly. Edits lose to a
 * delete whichever comes first: an edit that finds the target deleted erases its own body.
 */
export async function applyMessageEvent(
  ctx: ApplyContext,
  me: string,
  m: EventMutation,
): Promise<MutationResult> {
  const version = mutationVersion(m.id, ctx.now());
  if (typeof version !== 'string')
    return rejected(m.id, errorCodes.invalid, `id: ${version.error}`);
  if (m.peer === me) return rejected(m.id, errorCodes.self, 'you cannot do this to yourself');
  const item: NewMessage = {
    id: m.id,
    sender: me,
    recipient: m.peer,
    body: m.type === 'message.edit' ? m.body : '',
    sentAt: uuidV7Time(m.id) ?? 0,
    compositeNamespace: compositeNamespace(me, m.peer),
    kind: kinds[m.type],
    target: m.target,
  };
  let existing = await ctx.store.getMessage(m.id);
  let target: StoredMessage | undefined;
  if (!existing) {
    target = await ctx.store.getMessage(m.target);
    const refused = refusal(ctx, me, m, target);
    if (refused) return refused;
    if (!(await ctx.store.putMessageIfAbsent(item))) existing = await ctx.store.getMessage(m.id);
  }
  if (existing && !sameEvent(existing, item)) {
    return rejected(m.id, errorCodes.idConflict, 'this id belongs to another change');
  }
  const status = existing ? 'duplicate' : 'applied';
  if (existing?.state === 'done') return { id: m.id, status };
  target ??= await ctx.store.getMessage(m.target);
  if (!target?.serverTime) throw new Error(`event ${m.id}: target ${m.target} vanished`);
  const refused =
    m.type === 'message.edit'
      ? await reviseTarget(ctx, m, version, target)
      : m.type === 'message.delete'
        ? await eraseTarget(ctx, m.target)
        : null;
  if (refused) return refused;
  await stampAndComplete(ctx, me, m, target.serverTime);
  return { id: m.id, status };
}

/** Step 2 of an edit. Returns a rejection when the target was deleted or is at the cap. */
async function reviseTarget(
  ctx: ApplyContext,
  m: Extract<EventMutation, { type: 'message.edit' }>,
  version: string,
  first: StoredMessage,
): Promise<MutationResult | null> {
  let target: StoredMessage | undefined = first;
  for (let tries = 0; tries < MAX_REVISE_TRIES && target; tries++) {
    const ids = target.editIds ?? [];
    if (ids.includes(m.id)) return null;
    const refused = target.deleted
      ? rejected(m.id, codes.deleted, 'this message was deleted')
      : ids.length >= lifecycleLimits.maxEdits
        ? rejected(m.id, codes.editLimit, 'a message can be edited at most 10 times')
        : null;
    if (refused) {
      // The event stays pending (never pulled); its text goes all the same.
      await ctx.store.eraseMessage(m.id);
      return refused;
    }
    const newer = (target.editVersion ?? '') < version;
    const revision = {
      body: newer ? m.body : target.body,
      editIds: [...ids, m.id],
      editVersion: newer ? version : (target.editVersion as string),
      editedAt: newer ? ctx.now() : (target.editedAt ?? ctx.now()),
    };
    if (await ctx.store.reviseMessage(m.target, revision, ids.length)) return null;
    target = await ctx.store.getMessage(m.target);
  }
  throw new Error(`edit ${m.id}: message ${m.target} kept changing`);
}

/**
 * Step 2 of a delete: the target's body, then every edit's. Read again after the erase: no
 * edit can be added to a deleted message, so that list is final.
 */
async function eraseTarget(ctx: ApplyContext, id: string): Promise<null> {
  await ctx.store.eraseMessage(id);
  const erased = await ctx.store.getMessage(id);
  await Promise.all((erased?.editIds ?? []).map((edit) => ctx.store.eraseMessage(edit)));
  return null;
}

/** Step 3: the rows' lastEventAt, then the event's stamp (redone while the store is slow). */
async function stampAndComplete(
  ctx: ApplyContext,
  me: string,
  m: EventMutation,
  targetTime: number,
): Promise<void> {
  let floor = targetTime;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const started = ctx.now();
    const t = ctx.stamp(floor);
    const bump = (owner: string, peer: string, request: boolean) =>
      ctx.store.upsertContact(
        owner,
        peer,
        {
          set: { lastEventAt: t },
          ifAbsent: { name: '', request, blocked: false, reported: false },
        },
        t,
      );
    await Promise.all([
      bump(me, m.peer, false),
      m.type !== 'message.hide' && bump(m.peer, me, true),
    ]);
    await ctx.store.completeMessage(m.id, t, false);
    if (ctx.now() - started <= ctx.writeBudgetMs) return;
    floor = t;
  }
  throw new Error(`event ${m.id}: the store stayed slower than the write budget`);
}
