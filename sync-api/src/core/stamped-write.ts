import type { ContactState } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';

const MAX_ROUNDS = 5;

/**
 * Writes one contact row (conditional on `expectedRev`, as SyncStore.writeContact) stamped
 * after `floor`. Pulls find rows by that stamp, within the overlap window, so the write must
 * show in the index soon after it: one that took longer than the write budget is written
 * again, unchanged, with a fresh stamp (conditional on the rev it produced). If another write
 * came in between, that one read this row first and carries a later stamp, so the state is
 * found either way. Returns false when the row changed before the first write (read again).
 * Every contact-row mutation writes through here: blocks, names, chats, drafts, receipts and
 * settings; sends and message events bump rows in send-message.ts and message-events.ts, with
 * the same rule.
 */
export async function writeContactStamped(
  ctx: ApplyContext,
  owner: string,
  email: string,
  state: ContactState,
  expectedRev: number | null,
  floor: number,
): Promise<boolean> {
  let rev = expectedRev;
  let stamp = ctx.stamp(floor);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const started = ctx.now();
    if (!(await ctx.store.writeContact(owner, email, state, rev, stamp))) return round > 0;
    if (ctx.now() - started <= ctx.writeBudgetMs || ctx.plantedBugs?.has('no-restamp')) {
      return true;
    }
    rev = (rev ?? 0) + 1;
    stamp = ctx.stamp(stamp);
  }
  throw new Error(`contact ${owner} / ${email}: the store stayed slower than the write budget`);
}
