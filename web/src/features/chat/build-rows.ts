import type { LocalMessage } from '../../db/index.ts';
import { isSameDay } from '../../lib/format-time.ts';

export type Row =
  | { kind: 'day'; key: string; time: number }
  | { kind: 'message'; key: string; message: LocalMessage };

/** Messages in display order, with a day separator whenever the (sender's) day changes. */
export function buildRows(messages: readonly LocalMessage[]): Row[] {
  const rows: Row[] = [];
  let previous: number | undefined;
  for (const message of messages) {
    if (previous === undefined || !isSameDay(previous, message.sentAt)) {
      rows.push({ kind: 'day', key: `day-${message.id}`, time: message.sentAt });
    }
    rows.push({ kind: 'message', key: message.id, message });
    previous = message.sentAt;
  }
  return rows;
}
