/**
 * draft.set: the composer's unsent text of one conversation, on the owner's own row
 * (me, peer), so every device of the owner shows it. Last-writer-wins by the mutation's
 * UUIDv7 version (versions.ts): a draft.set older than the row's draftVersion changes nothing,
 * however late it arrives, so a stale device's draft never overwrites a newer edit, replays
 * are `duplicate`, and two concurrent deliveries of one batch end in one state (the write is
 * conditional on the row's rev, retried on a lost race). Sending clears a draft with a newer
 * draft.set from the client. Only the owner's row is written; never lastMessageAt, names,
 * flags or the block log; updatedAt moves so the owner's other devices pull it.
 */
import { type DraftSet, errorCodes, type MutationResult } from '../protocol/index.ts';
import type { StoredContact } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';
import { rowState } from './receipts.ts';
import { writeContactStamped } from './stamped-write.ts';
import { mutationVersion } from './versions.ts';

const rejected = (id: string, code: string, message: string): MutationResult => ({
  id,
  status: 'rejected',
  error: { code, message },
});

/** What a pulled contact carries of the draft: the text and the id of the draft.set. */
export function draftFields(c: Pick<StoredContact, 'draft' | 'draftVersion'>) {
  if (c.draft === undefined || c.draftVersion === undefined) return {};
  return { draft: c.draft, draftId: c.draftVersion.slice(c.draftVersion.indexOf(':') + 1) };
}

export async function applyDraft(
  ctx: ApplyContext,
  me: string,
  m: DraftSet,
): Promise<MutationResult> {
  const version = mutationVersion(m.id, ctx.now());
  if (typeof version !== 'string')
    return rejected(m.id, errorCodes.invalid, `id: ${version.error}`);
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await ctx.store.getContact(me, m.email);
    if (!row) {
      return rejected(m.id, errorCodes.notAContact, 'there is no conversation with this address');
    }
    if ((row.draftVersion ?? '') >= version) return { id: m.id, status: 'duplicate' };
    const next = { ...rowState(row), draft: m.text, draftVersion: version };
    if (await writeContactStamped(ctx, me, m.email, next, row.rev, row.updatedAt)) {
      return { id: m.id, status: 'applied' };
    }
  }
  throw new Error(`draft ${me} / ${m.email}: too much contention`);
}
