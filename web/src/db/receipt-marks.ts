import type { Contact } from '@chatscape/sync-api/protocol';

/** The watermarks a contact row carries (sync-api/src/core/receipts.ts, chats.ts). */
export const MARKS = ['readAt', 'peerReadAt', 'peerDeliveredAt', 'clearedAt'] as const;

type Marks = Pick<Contact, (typeof MARKS)[number]>;

/**
 * `next` with each watermark at least what `prev` held: watermarks only move forward, so a
 * pulled row older than what this device already knew (the index lags, a row reverted to its
 * last pulled copy) never moves one back.
 */
export function keepMarks<T extends Marks>(next: T, prev: Marks | undefined): T {
  if (!prev) return next;
  let out = next;
  for (const key of MARKS) {
    const before = prev[key];
    const now = next[key];
    if (before !== undefined && (now === undefined || now < before)) {
      out = { ...out, [key]: before };
    }
  }
  return out;
}

/** `next` with `prev`'s draft when that is newer (a just-acknowledged draft.set, a stale row). */
export function keepDraft<T extends Pick<Contact, 'draft' | 'draftId'>>(
  next: T,
  prev: Pick<Contact, 'draft' | 'draftId'> | undefined,
): T {
  if (prev?.draftId === undefined || (next.draftId ?? '') >= prev.draftId) return next;
  return { ...next, draft: prev.draft ?? '', draftId: prev.draftId };
}

export type TickState = 'pending' | 'sent' | 'delivered' | 'read' | 'failed';

/**
 * The tick of one of my messages: `read` when the peer read past it (only when this device
 * sends read receipts: off shows none, as it sends none), `delivered` when one of the peer's
 * devices stored it, else the message's own state.
 */
export function tickOf(
  message: { state: 'pending' | 'sent' | 'failed'; serverTime: number | null },
  contact: Marks | undefined,
  showRead: boolean,
): TickState {
  if (message.state !== 'sent' || message.serverTime === null) return message.state;
  const t = message.serverTime;
  const read = (contact?.peerReadAt ?? -1) >= t;
  if (showRead && read) return 'read';
  // Read implies delivered, also when read receipts are off here.
  if (read || (contact?.peerDeliveredAt ?? -1) >= t) return 'delivered';
  return 'sent';
}
