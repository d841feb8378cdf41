import { describe, expect, it } from 'vitest';
import { freshDb } from '../test/db.ts';
import { addContact } from './commands/add-contact.ts';
import { markRead } from './commands/read-state.ts';
import {
  cursorOf,
  findOlderStart,
  listContactSummaries,
  listConversation,
  listMessagesFrom,
  listRecentMessages,
  totalUnread,
} from './queries.ts';
import type { ChatDb } from './schema.ts';
import { resummarize, summaryDrift } from './summary.ts';
import { type LocalMessage, PENDING_RANK_BASE } from './types.ts';

const BOB = 'bob@example.com';
const T0 = 1_700_000_000_000;

function message(db: ChatDb, i: number, peer = BOB): LocalMessage {
  const incoming = i % 2 === 1;
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    sender: incoming ? peer : db.self,
    recipient: incoming ? db.self : peer,
    body: `message ${i}`,
    sentAt: T0 + i * 1000,
    serverTime: T0 + i * 1000,
    peer,
    rank: T0 + i * 1000,
    state: 'sent',
    arrival: i + 1,
  };
}

async function withHistory(count: number) {
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  await db.messages.bulkPut(Array.from({ length: count }, (_, i) => message(db, i)));
  await resummarize(db, [BOB]); // written around the commands, as a pull would leave it
  return db;
}

const bodies = (messages: LocalMessage[]) => messages.map((m) => m.body);

describe('the conversation window', () => {
  it('reads the newest messages in display order, unsent ones last', async () => {
    const db = await withHistory(1000);
    const pending = { ...message(db, 1000), state: 'pending' as const, serverTime: null };
    await db.messages.put({ ...pending, sentAt: T0, rank: PENDING_RANK_BASE + T0 });
    const { messages, hasOlder } = await listRecentMessages(db, BOB, 200);
    expect(messages).toHaveLength(200);
    expect(hasOlder).toBe(true);
    expect(bodies(messages)).toEqual(bodies((await listConversation(db, BOB)).slice(-200)));
    expect(messages.at(-1)?.body).toBe('message 1000');
    expect(messages[0]?.body).toBe('message 801');
  });

  it('says when the window holds the whole conversation', async () => {
    const db = await withHistory(200);
    const { messages, hasOlder } = await listRecentMessages(db, BOB, 200);
    expect(messages).toHaveLength(200);
    expect(hasOlder).toBe(false);
  });

  it('widens a page at a time, down to the first message', async () => {
    const db = await withHistory(450);
    const { messages } = await listRecentMessages(db, BOB, 200);
    const first = messages[0];
    if (!first) throw new Error('empty window');
    const older = await findOlderStart(db, BOB, cursorOf(first), 200);
    expect(older?.hasOlder).toBe(true);
    if (!older) throw new Error('nothing older');
    const widened = await listMessagesFrom(db, BOB, older.from);
    expect(bodies(widened)).toEqual(bodies((await listConversation(db, BOB)).slice(-400)));
    const oldest = widened[0];
    if (!oldest) throw new Error('empty window');
    const rest = await findOlderStart(db, BOB, cursorOf(oldest), 200);
    expect(rest).toEqual({ from: cursorOf(message(db, 0)), hasOlder: false });
    expect(await findOlderStart(db, BOB, cursorOf(message(db, 0)), 200)).toBeNull();
  });

  it('a widened window grows with new messages instead of sliding', async () => {
    const db = await withHistory(300);
    const from = cursorOf(message(db, 50));
    await db.messages.put(message(db, 300));
    const window = await listMessagesFrom(db, BOB, from);
    expect(window[0]?.body).toBe('message 50');
    expect(window.at(-1)?.body).toBe('message 300');
    expect(window).toHaveLength(251);
  });

  it('never includes another conversation', async () => {
    const db = await withHistory(10);
    await addContact(db, { name: 'Carol', email: 'carol@example.com' });
    await db.messages.put(message(db, 99, 'carol@example.com'));
    expect((await listRecentMessages(db, BOB, 200)).messages).toHaveLength(10);
    expect(await findOlderStart(db, 'carol@example.com', cursorOf(message(db, 99)), 5)).toBeNull();
  });
});

describe('unread counts', () => {
  it('count incoming messages that arrived after what was read, and none once read', async () => {
    const db = await withHistory(10); // 5 incoming: 1, 3, 5, 7, 9
    expect(await totalUnread(db)).toBe(5);
    await markRead(db, BOB, T0 + 5 * 1000);
    expect((await listContactSummaries(db))[0]?.unread).toBe(2);
    expect(await totalUnread(db)).toBe(2);
    await markRead(db, BOB, T0 + 9 * 1000);
    const [summary] = await listContactSummaries(db);
    expect(summary?.unread).toBe(0);
    expect(summary?.last?.body).toBe('message 9');
    expect(await totalUnread(db)).toBe(0);
    expect(await summaryDrift(db)).toEqual([]);
  });
});
