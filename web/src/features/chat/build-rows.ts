import type { LocalMessage } from '../../db/index.ts';
import { isSameDay, shownTime } from '../../lib/format-time.ts';

export type Row =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'unread'; key: 'unread' }
  | { kind: 'message'; key: string; message: LocalMessage };

export interface RowOptions {
  /** Older messages exist than the window holds. */
  hasOlder?: boolean;
  /** Who "I" am, and the rank up to which the conversation was read when it was opened: an
   * "Unread messages" divider goes above the first incoming message ranked after it. */
  unread?: { self: string; readUpTo: number } | null;
}

/**
 * Messages in display order, with a day separator whenever the day of the shown time changes
 * (server time once accepted, see shownTime: the sender's clock never reorders the days).
 * When the messages are a window with older ones not loaded yet (`hasOlder`), the first one
 * gets no separator: its day may have begun earlier, and the separator comes when the older
 * ones load (inserted above the rows on screen, never replacing the row the list is anchored to).
 */
export function buildRows(messages: readonly LocalMessage[], options: RowOptions = {}): Row[] {
  const { hasOlder = false, unread = null } = options;
  const rows: Row[] = [];
  let previous: number | undefined;
  let divided = false;
  for (const message of messages) {
    const time = shownTime(message);
    if (previous === undefined ? !hasOlder : !isSameDay(previous, time)) {
      rows.push({ kind: 'day', key: `day-${message.id}`, time });
    }
    if (
      unread &&
      !divided &&
      message.sender !== unread.self &&
      message.serverTime !== null &&
      message.rank > unread.readUpTo
    ) {
      rows.push({ kind: 'unread', key: 'unread' });
      divided = true;
    }
    rows.push({ kind: 'message', key: message.id, message });
    previous = time;
  }
  return rows;
}
