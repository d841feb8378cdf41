import type { LocalMessage } from '../../db/index.ts';
import { isSameDay, shownTime } from '../../lib/format-time.ts';

export type Row =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'unread'; key: 'unread' }
  | { kind: 'message'; key: string; message: LocalMessage };

export interface RowOptions {
  /** Older messages exist than the window holds. */
  hasOlder?: boolean;
  /** The message the "Unread messages" divider goes above (see firstUnread). */
  unreadFrom?: string | null;
}

/**
 * The first incoming message, in display order, that arrived after the read marker
 * (`readArrival`, see LocalMessage.arrival): where the "Unread messages" divider goes. Unread is
 * decided by arrival, not by stamp, so a message stamped earlier that arrived later is unread
 * too. Taken once, from the messages there were when the conversation opened, so messages that
 * arrive while it is open get no divider.
 */
export function firstUnread(
  messages: readonly LocalMessage[],
  self: string,
  readArrival: number,
): string | null {
  const first = messages.find(
    (m) => m.sender !== self && m.serverTime !== null && (m.arrival ?? 0) > readArrival,
  );
  return first?.id ?? null;
}

/**
 * Messages in display order, with a day separator whenever the day of the shown time changes
 * (server time once accepted, see shownTime: the sender's clock never reorders the days).
 * When the messages are a window with older ones not loaded yet (`hasOlder`), the first one
 * gets no separator: its day may have begun earlier, and the separator comes when the older
 * ones load (inserted above the rows on screen, never replacing the row the list is anchored to).
 */
export function buildRows(messages: readonly LocalMessage[], options: RowOptions = {}): Row[] {
  const { hasOlder = false, unreadFrom = null } = options;
  const rows: Row[] = [];
  let previous: number | undefined;
  for (const message of messages) {
    const time = shownTime(message);
    if (previous === undefined ? !hasOlder : !isSameDay(previous, time)) {
      rows.push({ kind: 'day', key: `day-${message.id}`, time });
    }
    if (message.id === unreadFrom) rows.push({ kind: 'unread', key: 'unread' });
    rows.push({ kind: 'message', key: message.id, message });
    previous = time;
  }
  return rows;
}
