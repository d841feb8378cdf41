import { errorCodes, type Mutation, type MutationResult } from '../protocol/index.ts';
import type { ContactState, StoredContact } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';
import { writeContactStamped } from './stamped-write.ts';
import { appendToggle, mutationVersion } from './versions.ts';

type ContactMutation = Extract<Mutation, { email: string }>;

const fresh: ContactState = {
  name: '',
  blocked: false,
  request: false,
  reported: false,
  blockLog: [],
};

/**
 * The row after `m`, or null when `m` changes nothing (it is older than what set the field,
 * or the same mutation again). Pure: the effect depends only on the row and the mutation, so
 * applying it twice, late, or concurrently (the write is conditional on the row's rev) ends in
 * the same state. `request: false` and `reported: true` only ever move one way.
 */
function nextState(
  row: StoredContact | undefined,
  m: ContactMutation,
  version: string,
  at: (floor: number) => number,
  lww = true,
): ContactState | null {
  const newer = (current: string | undefined) => !lww || (current ?? '') < version;
  const state: ContactState = row
    ? {
        name: row.name,
        blocked: row.blocked,
        request: row.request,
        reported: row.reported,
        blockLog: row.blockLog,
        ...(row.nameVersion !== undefined && { nameVersion: row.nameVersion }),
        ...(row.blockVersion !== undefined && { blockVersion: row.blockVersion }),
      }
    : { ...fresh };
  const before = JSON.stringify(state);
  if (m.type === 'contact.add') {
    if (newer(state.nameVersion)) Object.assign(state, { name: m.name, nameVersion: version });
    state.request = false;
  } else if (m.type === 'contact.block' || m.type === 'contact.unblock') {
    const blocked = m.type === 'contact.block';
    if (newer(state.blockVersion)) {
      if (state.blocked !== blocked) {
        const last = state.blockLog.at(-1)?.at ?? 0;
        // The toggle's server time is after everything this row has seen, so a message
        // stamped after the read that saw this row is judged by this toggle.
        state.blockLog = appendToggle(state.blockLog, {
          at: at(Math.max(last, row?.lastMessageAt ?? 0, row?.updatedAt ?? 0)),
          blocked,
        });
      }
      Object.assign(state, { blocked, blockVersion: version });
    }
    if (blocked) state.request = false;
  } else {
    state.reported = true;
  }
  return JSON.stringify(state) === before && row ? null : state;
}

const reject = (id: string, code: string, message: string): MutationResult => ({
  id,
  status: 'rejected',
  error: { code, message },
});

/**
 * contact.add / block / unblock / report: read the row (strongly consistent), compute the
 * next state, write it conditional on the row's rev; on a lost race, read again.
 */
export async function applyContactMutation(
  ctx: ApplyContext,
  me: string,
  m: ContactMutation,
): Promise<MutationResult> {
  const version = mutationVersion(m.id, ctx.now());
  if (typeof version !== 'string') return reject(m.id, errorCodes.invalid, `id: ${version.error}`);
  if (m.type === 'contact.report') {
    const row = await ctx.store.getContact(me, m.email);
    // Only someone you have a conversation with, whom you added, or who wrote to you.
    if (!row || (row.nameVersion === undefined && !row.request && row.lastMessageAt === null)) {
      return reject(
        m.id,
        errorCodes.notAContact,
        'you can only report someone who has messaged you or whom you added',
      );
    }
  }
  let reportIsNew = false;
  if (m.type === 'contact.report') {
    reportIsNew = await ctx.store.putReport({
      reported: m.email,
      id: m.id,
      reporter: me,
      reason: m.reason,
      createdAt: ctx.now(),
      expiresAt: Math.ceil((ctx.now() + ctx.reportRetentionMs) / 1000),
    });
  }
  let counted = false;
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await ctx.store.getContact(me, m.email);
    if (!row && !counted) {
      // A new row counts against the owner's cap (a lost race may count one twice: safe side).
      const forever = ctx.now() + 100 * 365 * 24 * 3600 * 1000;
      if ((await ctx.store.takeRate(me, 'contacts#count', 1, ctx.maxContacts, forever)) === 0) {
        return reject(
          m.id,
          errorCodes.contactLimit,
          `you can have at most ${ctx.maxContacts} contacts`,
        );
      }
      counted = true;
    }
    const next = nextState(row, m, version, ctx.stamp, !ctx.plantedBugs?.has('no-lww'));
    if (!next) return { id: m.id, status: reportIsNew ? 'applied' : 'duplicate' };
    const rev = row ? row.rev : null;
    if (await writeContactStamped(ctx, me, m.email, next, rev, row?.updatedAt ?? 0)) {
      return { id: m.id, status: 'applied' };
    }
  }
  throw new Error(`contact ${m.email}: too much contention`);
}
