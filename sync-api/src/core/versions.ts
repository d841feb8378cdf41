/**
 * Last-writer-wins order of contact mutations. Every ChatScape client names a mutation with a
 * UUIDv7 made on the device when the user acted (web/src/lib/uuid.ts), so the id itself says
 * when it was made and, within one device, in which order. A contact field remembers the
 * version of the mutation that last set it; a mutation with an older version changes nothing.
 * That makes contact mutations idempotent however late they are replayed (no receipt to
 * expire) and however many deliveries of one batch run at once.
 */
import type { BlockToggle } from '../store/sync-store.ts';

/** Mutation times may be this far ahead of the server (device clocks are often off by hours). */
export const MAX_FUTURE_MS = 48 * 3600 * 1000;
/** Before ChatScape existed: such a "time" is a garbled id, not a device clock. */
const EARLIEST_MS = Date.UTC(2020, 0, 1);
/** Blocks and unblocks kept per contact row; the oldest block/unblock pair goes beyond it. */
export const MAX_BLOCK_LOG = 100;

/** The millisecond time inside a UUIDv7, or null when `id` is not a version-7 UUID. */
export function uuidV7Time(id: string): number | null {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id))
    return null;
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}

/**
 * The mutation's version: its time padded to 16 digits, then the id (ties within one
 * millisecond fall back to the id, whose counter bits keep one device's order). Compared as
 * strings. Returns an error text for ids that are not UUIDv7 or whose time is not plausible.
 */
export function mutationVersion(id: string, serverNow: number): string | { error: string } {
  const time = uuidV7Time(id);
  if (time === null) return { error: 'id must be a UUIDv7 for contact changes' };
  if (time < EARLIEST_MS) return { error: 'id carries a time before 2020: not a valid UUIDv7' };
  if (time > serverNow + MAX_FUTURE_MS) {
    return { error: 'id carries a time more than 48 hours ahead: check the device clock' };
  }
  return `${String(time).padStart(16, '0')}:${id.toLowerCase()}`;
}

/** Whether the owner had the peer blocked at server time `t`, by the row's block log. */
export function blockedAt(log: readonly BlockToggle[], t: number): boolean {
  let blocked = false;
  for (const toggle of log) {
    if (toggle.at > t) break;
    blocked = toggle.blocked;
  }
  return blocked;
}

/** Appends a toggle (rows start unblocked, so toggles alternate block, unblock, ...). */
export function appendToggle(log: readonly BlockToggle[], toggle: BlockToggle): BlockToggle[] {
  const next = [...log, toggle];
  // Dropping the oldest block together with its unblock keeps the alternation.
  while (next.length > MAX_BLOCK_LOG) next.splice(0, 2);
  return next;
}
