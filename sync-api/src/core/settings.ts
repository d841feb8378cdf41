/**
 * settings.set: the user's account settings, on one row of their contacts keyed SETTINGS_ROW
 * (protocol/settings.ts), so every device of the user pulls them like any changed row; the
 * pull hands the row out as `changes.settings`, never as a contact. Last-writer-wins by the
 * mutation's UUIDv7 version (versions.ts): an older change arriving late changes nothing; the
 * write is conditional on the row's rev (or its absence), so replays and two concurrent
 * deliveries end in one state.
 *
 * "Send read receipts" off (WhatsApp's rule): the user's read receipts reach nobody, and
 * nobody's read receipts reach the user (core/receipts.ts checks both sides when applying a
 * receipt.read; delivered marks still cross). Marks written before it was turned off stay on
 * the rows; clients show no read ticks while it is off.
 */
import {
  errorCodes,
  type MutationResult,
  SETTINGS_ROW,
  type Settings,
  type SettingsSet,
} from '../protocol/index.ts';
import type { StoredContact } from '../store/sync-store.ts';
import type { ApplyContext } from './apply-mutation.ts';
import { rowState } from './receipts.ts';
import { writeContactStamped } from './stamped-write.ts';
import { mutationVersion } from './versions.ts';

export const SETTINGS_GROUP = SETTINGS_ROW;

/** Whether `owner` has read receipts on (the default). One strongly consistent read. */
export async function readReceiptsOn(ctx: ApplyContext, owner: string): Promise<boolean> {
  return (await ctx.store.getContact(owner, SETTINGS_ROW))?.readReceipts !== false;
}

/** The settings a pulled settings row carries, or undefined for any other row. */
export function settingsOf(row: StoredContact): Settings | undefined {
  if (row.email !== SETTINGS_ROW || row.readReceiptsVersion === undefined) return undefined;
  const version = row.readReceiptsVersion;
  return { readReceipts: row.readReceipts !== false, id: version.slice(version.indexOf(':') + 1) };
}

const empty = { name: '', blocked: false, request: false, reported: false, blockLog: [] };

export async function applySettings(
  ctx: ApplyContext,
  me: string,
  m: SettingsSet,
): Promise<MutationResult> {
  const version = mutationVersion(m.id, ctx.now());
  if (typeof version !== 'string') {
    return {
      id: m.id,
      status: 'rejected',
      error: { code: errorCodes.invalid, message: `id: ${version.error}` },
    };
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const row = await ctx.store.getContact(me, SETTINGS_ROW);
    if (row && (row.readReceiptsVersion ?? '') >= version) return { id: m.id, status: 'duplicate' };
    const base = row ? rowState(row) : empty;
    const next = { ...base, readReceipts: m.readReceipts, readReceiptsVersion: version };
    const rev = row ? row.rev : null;
    if (await writeContactStamped(ctx, me, SETTINGS_ROW, next, rev, row?.updatedAt ?? 0)) {
      return { id: m.id, status: 'applied' };
    }
  }
  throw new Error(`settings ${me}: too much contention`);
}
