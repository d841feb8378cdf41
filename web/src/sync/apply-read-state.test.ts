import type { Contact, Message, SyncResponse } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import {
  type ChatDb,
  countUnsent,
  countWaiting,
  listContactSummaries,
  markRead,
  readReceiptsOn,
  setReadReceipts,
  summaryDrift,
  tickOf,
} from '../db/index.ts';
import { newId } from '../lib/uuid.ts';
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

const response = (
  messages: Message[],
  contacts: Contact[] = [],
  results: SyncResponse['results'] = [],
) => ({
  results,
  changes: { contacts, messages },
  cursor: 'next',
  more: false,
});

const unread = async (db: ChatDb) => (await listContactSummaries(db))[0]?.unread;
const queued = (db: ChatDb, type: string) => db.outbox.filter((row) => row.type === type).toArray();

/** Alice's device past its first sync, with a conversation with Bob. */
async function synced() {
  const db = freshDb(ALICE);
  await applyResponse(db, [], response([message({ serverTime: 100 })], [contact()]), 200);
  await db.outbox.clear();
  return db;
}

describe('read state across devices', () => {
  it('reading on another device clears unread here, and queues no receipt of its own', async () => {
    const db = await synced();
    const two = [message({ serverTime: 300 }), message({ serverTime: 310 })];
    await applyResponse(
      db,
      [],
      response(two, [contact({ lastMessageAt: 310, updatedAt: 310 })]),
      400,
    );
    await db.outbox.clear();
    expect(await unread(db)).toBe(2);
    await applyResponse(
      db,
      [],
      response([], [contact({ lastMessageAt: 310, updatedAt: 500, readAt: 310 })]),
      600,
    );
    expect(await unread(db)).toBe(0);
    expect(await queued(db, 'receipt.read')).toEqual([]);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('messages read elsewhere that arrive here after the watermark count as read', async () => {
    const db = await synced();
    // The row comes first (another page, or the messages lag in the index).
    await applyResponse(
      db,
      [],
      response([], [contact({ lastMessageAt: 400, updatedAt: 500, readAt: 310 })]),
      600,
    );
    const later = [
      message({ serverTime: 300 }),
      message({ serverTime: 310 }),
      message({ serverTime: 400 }),
    ];
    await applyResponse(db, [], response(later), 700);
    expect(await unread(db)).toBe(1);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('this device’s own watermark coming back leaves a late arrival unread (issue 10 item 9)', async () => {
    const db = await synced();
    await applyResponse(
      db,
      [],
      response([message({ serverTime: 300 })], [contact({ lastMessageAt: 300, updatedAt: 300 })]),
      400,
    );
    await markRead(db, BOB, 300, 450);
    await applyResponse(
      db,
      [],
      response([], [contact({ lastMessageAt: 300, updatedAt: 500, readAt: 300 })]),
      500,
    );
    await applyResponse(db, [], response([message({ serverTime: 250, body: 'late' })]), 600);
    expect(await unread(db)).toBe(1);
  });

  it('a pulled row never moves a watermark backwards', async () => {
    const db = await synced();
    const marks = { readAt: 300, peerReadAt: 280, peerDeliveredAt: 290 };
    await applyResponse(db, [], response([], [contact({ updatedAt: 300, ...marks })]), 400);
    await applyResponse(
      db,
      [],
      response([], [contact({ updatedAt: 301, readAt: 100, peerReadAt: 100 })]),
      500,
    );
    expect(await db.contacts.get(BOB)).toMatchObject(marks);
  });
});

describe('receipts this device queues', () => {
  it('markRead queues one read receipt per conversation, coalesced, with the setting', async () => {
    const db = await synced();
    const two = [message({ serverTime: 300 }), message({ serverTime: 310 })];
    await applyResponse(
      db,
      [],
      response(two, [contact({ lastMessageAt: 310, updatedAt: 310 })]),
      400,
    );
    expect(await markRead(db, BOB, 300, 500)).toBe(true);
    expect(await markRead(db, BOB, 310, 501)).toBe(true);
    expect(await markRead(db, BOB, 310, 502)).toBe(false);
    const reads = await queued(db, 'receipt.read');
    expect(reads.map((r) => r.mutation)).toEqual([
      expect.objectContaining({ email: BOB, readAt: 310, share: true }),
    ]);
    await setReadReceipts(db, false);
    await applyResponse(db, [], response([message({ serverTime: 320 })]), 600);
    await markRead(db, BOB, 320, 700);
    expect((await queued(db, 'receipt.read'))[0]?.mutation).toMatchObject({
      readAt: 320,
      share: false,
    });
  });

  it('a pull queues one delivered receipt for what arrived, none again for the same, none for a request', async () => {
    const db = await synced();
    await applyResponse(
      db,
      [],
      response([message({ serverTime: 300 }), message({ serverTime: 310 })]),
      400,
    );
    const delivered = await queued(db, 'receipt.delivered');
    expect(delivered.map((r) => r.mutation)).toEqual([
      expect.objectContaining({ email: BOB, deliveredAt: 310 }),
    ]);
    // Bookkeeping, not the user's: not "waiting to send", not lost by a sign-out warning.
    expect(await countWaiting(db)).toBe(0);
    expect(await countUnsent(db)).toBe(0);
    await db.outbox.clear();
    // The overlap window sends them again: nothing new to acknowledge.
    await applyResponse(db, [], response([message({ serverTime: 310 })]), 500);
    expect(await queued(db, 'receipt.delivered')).toEqual([]);
    const eve = 'eve@example.com';
    await applyResponse(
      db,
      [],
      response(
        [message({ sender: eve, serverTime: 600 })],
        [contact({ email: eve, name: '', request: true })],
      ),
      700,
    );
    expect(await queued(db, 'receipt.delivered')).toEqual([]);
  });

  it('a refused receipt is dropped, not shown as a failed action', async () => {
    const db = await synced();
    await applyResponse(db, [], response([message({ serverTime: 300 })]), 400);
    const [row] = await queued(db, 'receipt.delivered');
    if (!row) throw new Error('no receipt');
    const refused = {
      id: row.id,
      status: 'rejected' as const,
      error: { code: 'not_a_contact', message: 'no' },
    };
    await applyResponse(db, [row], response([], [], [refused]), 500);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('"Send read receipts", the account setting', () => {
  it('is queued once (coalesced), and a pulled setting applies only when newer', async () => {
    const db = await synced();
    await setReadReceipts(db, false, 1000);
    await setReadReceipts(db, true, 1001);
    await setReadReceipts(db, false, 1002);
    const rows = await queued(db, 'settings.set');
    expect(rows.map((r) => r.mutation)).toEqual([
      expect.objectContaining({ type: 'settings.set', readReceipts: false }),
    ]);
    const mine = rows[0]?.id as string;
    // An answer carrying the setting from before this change does not flip it back.
    const before = { readReceipts: true, id: '01800000-0000-7000-8000-000000000000' };
    await applyResponse(
      db,
      [],
      { ...response([]), changes: { contacts: [], messages: [], settings: before } },
      1100,
    );
    expect(await readReceiptsOn(db)).toBe(false);
    // Another device's newer change does.
    const later = { readReceipts: true, id: newId(Date.now() + 10) };
    expect(later.id > mine).toBe(true);
    await applyResponse(
      db,
      [],
      { ...response([]), changes: { contacts: [], messages: [], settings: later } },
      1200,
    );
    expect(await readReceiptsOn(db)).toBe(true);
  });
});

describe('tickOf', () => {
  const mine = (serverTime: number | null, state: 'pending' | 'sent' | 'failed' = 'sent') => ({
    serverTime,
    state,
  });
  it('moves sent → delivered → read by the peer’s marks; off shows no read', () => {
    expect(tickOf(mine(null, 'pending'), undefined, true)).toBe('pending');
    expect(tickOf(mine(100), {}, true)).toBe('sent');
    expect(tickOf(mine(100), { peerDeliveredAt: 100 }, true)).toBe('delivered');
    expect(tickOf(mine(100), { peerDeliveredAt: 100, peerReadAt: 100 }, true)).toBe('read');
    expect(tickOf(mine(101), { peerDeliveredAt: 100, peerReadAt: 100 }, true)).toBe('sent');
    expect(tickOf(mine(100), { peerReadAt: 100 }, false)).toBe('delivered');
  });
});
