import type { Contact, Message } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import {
  addContact,
  blockContact,
  listContactSummaries,
  listConversation,
  markRead,
  sendMessage,
  totalUnread,
  unblockContact,
} from '../db/index.ts';
import { freshDb } from '../test/db.ts';
import { ACK_TTL_MS } from './apply-contacts.ts';
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

  it('a block the server just applied stays shown when the same answer pulls an older row', async () => {
    const db = freshDb(ALICE);
    const bob = () => db.contacts.get(BOB);
    await applyResponse(db, [], response([], [contact({ updatedAt: 100 })]), 1000);
    await blockContact(db, BOB, 1500);
    const sent = await db.outbox.toArray();
    // The server applied the block; its index still shows the row from before it.
    const answer = {
      ...response([], [contact({ blocked: false, updatedAt: 100 })]),
      results: sent.map((row) => ({ id: row.id, status: 'applied' })),
    };
    await applyResponse(db, sent, answer, 2000);
    expect(await db.outbox.count()).toBe(0);
    expect(await bob()).toMatchObject({ blocked: true });
    // The next poll, the index still lags.
    await applyResponse(db, [], response([], [contact({ blocked: false, updatedAt: 100 })]), 3000);
    expect(await bob()).toMatchObject({ blocked: true });
    // The index catches up; an unblock from another device later is shown as usual.
    await applyResponse(db, [], response([], [contact({ blocked: true, updatedAt: 150 })]), 4000);
    expect((await bob())?.acked).toBeUndefined();
    await applyResponse(db, [], response([], [contact({ blocked: false, updatedAt: 200 })]), 5000);
    expect(await bob()).toMatchObject({ blocked: false });
  });

  it('forgets an acknowledged mutation after ACK_TTL_MS: the server row wins again', async () => {
    const db = freshDb(ALICE);
    await applyResponse(db, [], response([], [contact({ updatedAt: 100 })]), 1000);
    await blockContact(db, BOB, 1500);
    const sent = await db.outbox.toArray();
    const answer = { ...response([]), results: sent.map((r) => ({ id: r.id, status: 'applied' })) };
    await applyResponse(db, sent, answer, 2000);
    const stale = response([], [contact({ blocked: false, updatedAt: 100 })]);
    await applyResponse(db, [], stale, 2000 + ACK_TTL_MS);
    expect(await db.contacts.get(BOB)).toMatchObject({ blocked: false });
  });

  it('remembers nothing for a contact never pulled: the server row decides (simulator)', async () => {
    // Found by the simulator: with the device's own clock as the comparison, a device whose
    // clock ran ahead took the server's newer row (a block from the user's other device) for
    // a stale one and kept showing its own unblock.
    const db = freshDb(ALICE);
    await blockContact(db, BOB, 5000);
    await unblockContact(db, BOB, 5030);
    const sent = await db.outbox.toArray();
    const answer = { ...response([]), results: sent.map((r) => ({ id: r.id, status: 'applied' })) };
    await applyResponse(db, sent, answer, 5040);
    await applyResponse(db, [], response([], [contact({ blocked: true, updatedAt: 4990 })]), 5050);
    expect(await db.contacts.get(BOB)).toMatchObject({ blocked: true });
  });

  it('when the remembered mutation expires, the last pulled row decides', async () => {
    const db = freshDb(ALICE);
    await applyResponse(db, [], response([], [contact({ updatedAt: 100 })]), 1000);
    await blockContact(db, BOB, 1500);
    const sent = await db.outbox.toArray();
    const answer = { ...response([]), results: sent.map((r) => ({ id: r.id, status: 'applied' })) };
    await applyResponse(db, sent, answer, 2000);
    // A row that looks no newer (a server clock step) but is the server's answer: unblocked.
    await applyResponse(db, [], response([], [contact({ blocked: false, updatedAt: 90 })]), 3000);
    expect(await db.contacts.get(BOB)).toMatchObject({ blocked: true });
    // No row comes again; once the acknowledgement expires, the pulled row stands.
    await applyResponse(db, [], response([]), 2000 + ACK_TTL_MS);
    const bob = await db.contacts.get(BOB);
    expect(bob).toMatchObject({ blocked: false });
    expect(bob?.acked).toBeUndefined();
    expect(bob?.ackedUntil).toBeUndefined();
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

  it('a message stamped earlier but pulled later counts as unread until it is on screen', async () => {
    const db = freshDb(ALICE);
    const unread = async () => (await listContactSummaries(db))[0]?.unread;
    await applyResponse(db, [], response([message({ serverTime: 100 })], [contact()]), 200);
    const later = contact({ lastMessageAt: 300, updatedAt: 300 });
    await applyResponse(db, [], response([message({ serverTime: 300 })], [later]), 400);
    await markRead(db, BOB, 300);
    expect(await unread()).toBe(0);
    // Stamped 250 but visible in the index only now: normal inside the overlap window.
    const late = message({ serverTime: 250, body: 'late' });
    await applyResponse(db, [], response([late]), 500);
    expect(await unread()).toBe(1);
    expect(await totalUnread(db)).toBe(1);
    // The overlap window sends it again: still one unread, not two.
    await applyResponse(db, [], response([late]), 600);
    expect(await totalUnread(db)).toBe(1);
    // A newer one arrives before the open conversation shows anything past 300.
    await applyResponse(db, [], response([message({ serverTime: 400, body: 'newer' })]), 700);
    await markRead(db, BOB, 300);
    expect(await unread()).toBe(1);
    await markRead(db, BOB, 400);
    expect(await unread()).toBe(0);
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
