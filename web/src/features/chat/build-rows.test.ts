import { describe, expect, it } from 'vitest';
import { type LocalMessage, PENDING_RANK_BASE } from '../../db/index.ts';
import { buildRows, firstUnread } from './build-rows.ts';

const DAY = 24 * 60 * 60 * 1000;
const noon = new Date(2026, 11, 1, 12, 0).getTime();
let n = 0;

function message(sentAt: number, serverTime: number | null): LocalMessage {
  n += 1;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    sender: 'bob@example.com',
    recipient: 'alice@example.com',
    body: `message ${n}`,
    sentAt,
    serverTime,
    peer: 'bob@example.com',
    rank: serverTime ?? PENDING_RANK_BASE + sentAt,
    arrival: n,
    state: serverTime === null ? 'pending' : 'sent',
  };
}

const days = (rows: ReturnType<typeof buildRows>) =>
  rows.flatMap((row) => (row.kind === 'day' ? [new Date(row.time).getDate()] : []));

describe('buildRows', () => {
  it('puts day separators by server time: a sender’s wrong clock adds none', () => {
    const rows = buildRows([
      message(noon - 7 * DAY, noon), // a clock a week behind
      message(noon + 60_000, noon + 60_000),
      message(noon + 3 * DAY, noon + 120_000), // a clock days ahead
      message(noon - DAY, noon + 180_000),
    ]);
    expect(days(rows)).toEqual([1]);
    expect(rows.filter((r) => r.kind === 'message')).toHaveLength(4);
  });

  it('a new server day gets a separator, whatever the senders’ clocks said', () => {
    const rows = buildRows([
      message(noon + 5 * DAY, noon),
      message(noon, noon + DAY),
      message(noon - 9 * DAY, noon + DAY + 1000),
    ]);
    expect(days(rows)).toEqual([1, 2]);
  });

  it('a message still waiting to be sent is placed by the device clock', () => {
    const rows = buildRows([message(noon, noon), message(noon + DAY, null)]);
    expect(days(rows)).toEqual([1, 2]);
  });

  it('the first row of a window with older messages gets no separator', () => {
    expect(days(buildRows([message(noon, noon)], { hasOlder: true }))).toEqual([]);
  });
});

describe('the unread divider', () => {
  const kinds = (rows: ReturnType<typeof buildRows>) =>
    rows.map((row) => (row.kind === 'message' ? row.message.body : row.kind));

  it('goes above the first incoming message after what was read', () => {
    const mine = { ...message(noon + 2, noon + 2), sender: 'alice@example.com' };
    const read = message(noon + 1, noon + 1);
    const unread = [message(noon + 3, noon + 3), message(noon + 4, noon + 4)];
    const messages = [read, mine, ...unread];
    const unreadFrom = firstUnread(messages, 'alice@example.com', read.arrival ?? 0);
    expect(unreadFrom).toBe(unread[0]?.id);
    expect(kinds(buildRows(messages, { unreadFrom }))).toEqual([
      'day',
      read.body,
      mine.body,
      'unread',
      ...unread.map((m) => m.body),
    ]);
  });

  it('is left out when everything is read', () => {
    const messages = [message(noon, noon)];
    const unreadFrom = firstUnread(messages, 'alice@example.com', messages[0]?.arrival ?? 0);
    expect(unreadFrom).toBeNull();
    expect(buildRows(messages, { unreadFrom }).some((row) => row.kind === 'unread')).toBe(false);
  });

  it('counts a message stamped earlier that arrived after the marker (overlap window)', () => {
    const read = message(noon + 2, noon + 2);
    // Stamped before `read`, but pulled later (the index showed it late): arrival after it.
    const late = { ...message(noon + 1, noon + 1), arrival: (read.arrival ?? 0) + 1 };
    const messages = [late, read];
    expect(firstUnread(messages, 'alice@example.com', read.arrival ?? 0)).toBe(late.id);
  });
});
