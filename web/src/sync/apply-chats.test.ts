import type { Contact, Message } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import {
  addContact,
  clearChat,
  listContactSummaries,
  listConversation,
  muteChat,
  renameContact,
  summaryDrift,
} from '../db/index.ts';
import { freshDb } from '../test/db.ts';
import { applyResponse } from './apply-response.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

const contact = (patch: Partial<Contact> = {}): Contact => ({
  email: BOB,
  name: 'Bob',
  blocked: false,
  request: false,
  reported: false,
  updatedAt: 100,
  lastMessageAt: 300,
  ...patch,
});
const message = (serverTime: number): Message => ({
  id: crypto.randomUUID(),
  sender: BOB,
  recipient: ALICE,
  body: `at ${serverTime}`,
  sentAt: serverTime,
  serverTime,
});
const response = (messages: Message[], contacts: Contact[] = []) => ({
  results: [],
  changes: { contacts, messages },
  cursor: 'next',
  more: false,
});

async function withHistory() {
  const db = freshDb(ALICE);
  await applyResponse(db, [], response([message(100)], [contact()]), 150);
  await applyResponse(db, [], response([message(200), message(300)]), 350);
  return db;
}
const bodies = async (db: ReturnType<typeof freshDb>) =>
  (await listConversation(db, BOB)).map((m) => m.body);

describe('delete a chat for me', () => {
  it('here: messages go, the summary follows, one chat.clear is queued', async () => {
    const db = await withHistory();
    await clearChat(db, BOB, 400);
    expect(await bodies(db)).toEqual([]);
    const [summary] = await listContactSummaries(db);
    expect(summary?.unread).toBe(0);
    expect(summary?.last).toBeUndefined();
    const queued = await db.outbox.filter((r) => r.type === 'chat.clear').toArray();
    expect(queued.map((r) => r.mutation)).toEqual([expect.objectContaining({ before: 300 })]);
    // The overlap window, a resync: the deleted messages are never stored again.
    await applyResponse(db, [], response([message(200), message(300), message(500)]), 600);
    expect(await bodies(db)).toEqual(['at 500']);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('on another device: a pulled clearedAt removes what it covers', async () => {
    const db = await withHistory();
    await applyResponse(db, [], response([], [contact({ updatedAt: 400, clearedAt: 200 })]), 450);
    expect(await bodies(db)).toEqual(['at 300']);
    expect((await listContactSummaries(db))[0]?.unread).toBe(1);
    // An older row (the index lags) never brings them back or moves the mark back.
    await applyResponse(db, [], response([message(200)], [contact({ updatedAt: 401 })]), 460);
    expect(await bodies(db)).toEqual(['at 300']);
    expect((await db.contacts.get(BOB))?.clearedAt).toBe(200);
    expect(await summaryDrift(db)).toEqual([]);
  });
});

describe('mute and rename', () => {
  it('mute is queued and shown at once; rename queues contact.add with the new name', async () => {
    const db = freshDb(ALICE);
    await addContact(db, { name: 'Bob', email: BOB });
    await muteChat(db, BOB, true, 10);
    expect((await db.contacts.get(BOB))?.muted).toBe(true);
    expect((await renameContact(db, BOB, '  Robert ', 20)).ok).toBe(true);
    expect((await db.contacts.get(BOB))?.name).toBe('Robert');
    const types = (await db.outbox.toArray()).map((r) => r.type);
    expect(types).toEqual(['contact.add', 'chat.mute', 'contact.add']);
  });

  it('adding an address that is already a contact says so instead of renaming', async () => {
    const db = freshDb(ALICE);
    await addContact(db, { name: 'Bob', email: BOB });
    const again = await addContact(db, { name: 'Robert', email: 'BOB@example.com' });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.errors.email).toMatch(/already a contact \(Bob\)/);
    expect((await db.contacts.get(BOB))?.name).toBe('Bob');
  });
});
