import { describe, expect, it } from 'vitest';
import { addContact, type ChatDb, type LocalMessage } from '../db/index.ts';
import { freshDb } from '../test/db.ts';
import { findNewerEnd, listMessagesAround, listMessagesBetween } from './around.ts';

const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';
const idOf = (peer: string, i: number) => `${peer}-${String(i).padStart(6, '0')}`;

function message(peer: string, i: number): LocalMessage {
  return {
    id: idOf(peer, i),
    sender: peer,
    recipient: 'alice@example.com',
    body: `${peer} ${i}`,
    sentAt: i,
    serverTime: i,
    peer,
    rank: 1_000 + i,
    state: 'sent',
  };
}

async function twoConversations(count: number): Promise<ChatDb> {
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  await addContact(db, { name: 'Carol', email: CAROL });
  await db.messages.bulkAdd(
    Array.from({ length: count }, (_, i) => [message(BOB, i), message(CAROL, i)]).flat(),
  );
  return db;
}

const indexes = (messages: LocalMessage[]) => messages.map((m) => Number(m.id.slice(-6)));
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('windows around a message', () => {
  it('reads `side` messages each side of the target, of its conversation only', async () => {
    const db = await twoConversations(1_000);
    const around = await listMessagesAround(db, BOB, idOf(BOB, 500), 10);
    expect(around && indexes(around.messages)).toEqual(range(490, 510));
    expect(around?.messages.every((m) => m.peer === BOB)).toBe(true);
    expect(around?.hasOlder).toBe(true);
    expect(around?.to).toEqual([1_510, idOf(BOB, 510)]);
  });

  it('stops at the ends: nothing older before the first, up to the newest (to null) at the last', async () => {
    const db = await twoConversations(100);
    const first = await listMessagesAround(db, BOB, idOf(BOB, 2), 10);
    expect(first && indexes(first.messages)).toEqual(range(0, 12));
    expect(first?.hasOlder).toBe(false);
    const last = await listMessagesAround(db, BOB, idOf(BOB, 95), 10);
    expect(last && indexes(last.messages)).toEqual(range(85, 99));
    expect(last?.to).toBeNull();
  });

  it('is null for a message of another conversation or none', async () => {
    const db = await twoConversations(10);
    expect(await listMessagesAround(db, BOB, idOf(CAROL, 5), 10)).toBeNull();
    expect(await listMessagesAround(db, BOB, 'missing', 10)).toBeNull();
  });

  it('widens downwards a page at a time until it reaches the newest', async () => {
    const db = await twoConversations(300);
    const end = await findNewerEnd(db, BOB, [1_100, idOf(BOB, 100)], 100);
    expect(end).toEqual([1_200, idOf(BOB, 200)]);
    expect(await findNewerEnd(db, BOB, [1_200, idOf(BOB, 200)], 100)).toBeNull();
    const between = await listMessagesBetween(db, BOB, [1_150, idOf(BOB, 150)], end);
    expect(indexes(between)).toEqual(range(150, 200));
    const toNewest = await listMessagesBetween(db, BOB, [1_290, idOf(BOB, 290)], null);
    expect(indexes(toNewest)).toEqual(range(290, 299));
  });
});
