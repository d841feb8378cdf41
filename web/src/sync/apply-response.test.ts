import type { Contact, Message } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import {
  addContact,
  blockContact,
  listContactSummaries,
  listConversation,
  sendMessage,
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
  lastMessageAt: 100,
  ...patch,
});

const message = (patch: Partial<Message>): Message => ({
  id: crypto.randomUUID(),
  sender: BOB,
  recipient: ALICE,
  body: 'hi',
  sentAt: 90,
  serverTime: 100,
  ...patch,
});

const response = (messages: Message[], contacts: Contact[] = []) => ({
  results: [],
  changes: { contacts, messages },
  cursor: 'next',
  more: false,
});

describe('applyResponse', () => {
  it('turns our pending message into the sent one when the pull echoes it: no duplicate', async () => {
    const db = freshDb(ALICE);
    await addContact(db, { name: 'Bob', email: BOB });
    const sent = await sendMessage(db, BOB, 'hello', 50);
    if (!sent.ok) throw new Error('send failed');
    const echo = message({
      id: sent.value.id,
      sender: ALICE,
      recipient: BOB,
      body: 'hello',
      sentAt: 50,
    });
    await applyResponse(db, [], response([echo], [contact()]), 200);
    await applyResponse(db, [], response([echo], [contact()]), 300);
    const conversation = await listConversation(db, BOB);
    expect(conversation).toHaveLength(1);
    expect(conversation[0]).toMatchObject({ id: sent.value.id, state: 'sent', serverTime: 100 });
    // The server has the message, so its outbox row is done even without a result for it.
    expect((await db.outbox.toArray()).filter((r) => r.type === 'message.send').length).toBe(0);
  });

  it('upserts by id when the overlap window sends the same messages again', async () => {
    const db = freshDb(ALICE);
    const page = [message({ serverTime: 100 }), message({ serverTime: 101 })];
    await applyResponse(db, [], response(page, [contact()]), 200);
    await applyResponse(db, [], response([...page, message({ serverTime: 102 })]), 300);
    expect((await listConversation(db, BOB)).map((m) => m.serverTime)).toEqual([100, 101, 102]);
  });

  it('orders by serverTime then id, unsent messages last', async () => {
    const db = freshDb(ALICE);
    await sendMessage(db, BOB, 'mine, unsent', 1);
    const [a, b] = ['00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001'];
    await applyResponse(
      db,
      [],
      response([message({ id: a, serverTime: 5 }), message({ id: b, serverTime: 5 })]),
      9,
    );
    expect((await listConversation(db, BOB)).map((m) => (m.body === 'hi' ? m.id : m.body))).toEqual(
      [b, a, 'mine, unsent'],
    );
  });

  it('keeps a queued block on top of a pulled contact row', async () => {
    const db = freshDb(ALICE);
    await addContact(db, { name: 'Bob', email: BOB });
    await blockContact(db, BOB);
    await applyResponse(db, [], response([], [contact({ blocked: false, name: 'Robert' })]), 200);
    expect(await db.contacts.get(BOB)).toMatchObject({ blocked: true, name: 'Bob' });
  });

  it('counts incoming messages after lastReadAt as unread; history of a first sync is read', async () => {
    const db = freshDb(ALICE);
    await applyResponse(db, [], response([message({ serverTime: 100 })], [contact()]), 200);
    expect((await listContactSummaries(db))[0]?.unread).toBe(0);
    const later = contact({ lastMessageAt: 300, updatedAt: 300 });
    await applyResponse(db, [], response([message({ serverTime: 300 })], [later]), 400);
    const [summary] = await listContactSummaries(db);
    expect(summary?.unread).toBe(1);
    expect(summary?.last?.serverTime).toBe(300);
  });

  it('shows a message from an unknown sender as a request', async () => {
    const db = freshDb(ALICE);
    const stranger = contact({ email: 'eve@example.com', name: '', request: true });
    await applyResponse(
      db,
      [],
      response([message({ sender: 'eve@example.com' })], [stranger]),
      200,
    );
    expect(await db.contacts.get('eve@example.com')).toMatchObject({ request: true });
  });
});
