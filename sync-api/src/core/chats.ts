/**
 * chat.mute / chat.clear: settings of the owner's own row (me, peer), so all the owner's
 * devices follow them. Mute is last-writer-wins by the mutation's UUIDv7 version (versions.ts):
 * an older mute/unmute changes nothing however late it arrives. Clear raises `clearedAt` with
 * max(), clamped like a receipt's mark (receipts.ts clampMark); clients delete the messages stamped at
 * or before it and never store them again. Both write conditionally on the row's rev (retried
 * on a lost race), move updatedAt, and never touch lastMessageAt, names, flags or the block
 * log. The push notifier skips a muted conversation (push/notifier.ts).
 */
import { type ChatMutation, errorCodes, type MutationResult } from '../protocol/index.ts';
import type { StoredContact } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';
import { clampMark, rowState } from './receipts.ts';
import { writeContactStamped } from './stamped-write.ts';
import { mutationVersion } from './versions.ts';

const rejected = (id: string, code: string, message: string): MutationResult => ({
  id,
  status: 'rejected',
  error: { code, message },
});

export const isChatMutation = (m: { type: string }): m is ChatMutation =>
  m.type === 'chat.mute' || m.type === 'chat.clear';

/** What a pulled contact carries of the owner's chat settings. */
export const chatFields = (c: Pick<StoredContact, 'muted' | 'clearedAt'>) => ({
  ...(c.muted === true && { muted: true }),
  ...(c.clearedAt !== undefined && { clearedAt: c.clearedAt }),
});

/** The row after `m`, or null when `m` changes nothing. */
function next(row: StoredContact, m: ChatMutation, version: string, now: number, lww: boolean) {
  if (m.type === 'chat.mute') {
    if (lww ? (row.muteVersion ?? '') >= version : row.muteVersion === version) return null;
    return { ...rowState(row), muted: m.muted, muteVersion: version };
  }
  const before = clampMark(m.before, row, now);
  if (before <= (row.clearedAt ?? -1)) return null;
  return { ...rowState(row), clearedAt: before };
}

export async function applyChatMutation(
  ctx: ApplyContext,
  me: string,
  m: ChatMutation,
): Promise<MutationResult> {
  const version = mutationVersion(m.id, ctx.now());
  if (typeof version !== 'string')
    return rejected(m.id, errorCodes.invalid, `id: ${version.error}`);
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await ctx.store.getContact(me, m.email);
    if (!row) {
      return rejected(m.id, errorCodes.notAContact, 'there is no conversation with this address');
    }
    const state = next(row, m, version, ctx.now(), !ctx.plantedBugs?.has('no-mute-lww'));
    if (!state) return { id: m.id, status: 'duplicate' };
    if (await writeContactStamped(ctx, me, m.email, state, row.rev, row.updatedAt)) {
      return { id: m.id, status: 'applied' };
    }
  }
  throw new Error(`${m.type} ${me} / ${m.email}: too much contention`);
}
