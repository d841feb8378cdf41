import type { Contact, Message } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import {
  addContact,
  blockContact,
  type ChatDb,
  discardOutbox,
  listContactSummaries,
  markRead,
  PREVIEW_LENGTH,
  retryOutbox,
  sendMessage,
  summaryDrift,
  totalUnread,
} from '../db/index.ts';
import { freshDb } from '../test/db.ts';
import { applyResponse } from './apply-response.ts';
import type { SyncAnswer } from './read-response.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';

const contact = (email: string, patch: Partial<Contact> = {}): Contact => ({
  email,
  name: email,
  blocked: false,
  request: false,
  reported: false,
  updatedAt: 100,
  lastMessageAt: 100,
  ...patch,
});

let stamp = 1_000;
const incoming = (from: string, body: string, patch: Partial<Message> = {}): Message => {
  stamp += 10;
  return {
    id: crypto.randomUUID(),
    sender: from,
    recipient: ALICE,
    body,
    sentAt: stamp,
    serverTime: stamp,
    ...patch,
  };
};

const answer = (messages: Message[], contacts: Contact[] = [], more = false): SyncAnswer => ({
  results: [],
  changes: { contacts, messages },
  cursor: 'c',
  more,
});

const row = async (db: ChatDb, email: string) =>
  (await listContactSummaries(db)).find((s) => s.contact.email === email);

/** The stored summaries always equal what the messages say, whatever the last step was. */
async function expectNoDrift(db: ChatDb) {
  expect(await summaryDrift(db)).toEqual([]);
}

describe('the contact summary (last message, unread) follows every message write', () => {
  it('through a first sync, new messages, reads, sends, failures, retries and discards', async () => {
    const db = freshDb(ALICE);
    // First sync: history, read.
    const history = [incoming(BOB, 'old 1'), incoming(CAROL, 'old 2'), incoming(BOB, 'old 3')];
    await applyResponse(db, [], answer(history, [contact(BOB), contact(CAROL)]), 2_000);
    expect(await row(db, BOB)).toMatchObject({ unread: 0, last: { body: 'old 3' } });
    expect(await row(db, CAROL)).toMatchObject({ unread: 0, last: { body: 'old 2' } });
    await expectNoDrift(db);

    // New messages count; the overlap window sending them again does not.
    const fresh = [incoming(BOB, 'new 1'), incoming(BOB, 'new 2')];
    await applyResponse(db, [], answer(fresh), 3_000);
    await applyResponse(db, [], answer(fresh), 3_100);
    expect(await row(db, BOB)).toMatchObject({ unread: 2, last: { body: 'new 2' } });
    expect(await totalUnread(db)).toBe(2);
    await expectNoDrift(db);

    // Reading the first of them leaves one.
    await markRead(db, BOB, fresh[0]?.serverTime ?? 0);
    expect(await row(db, BOB)).toMatchObject({ unread: 1 });
    await expectNoDrift(db);

    // A send is the last message at once, pending; its outbox row is rejected: failed.
    const sent = await sendMessage(db, BOB, 'mine');
    if (!sent.ok) throw new Error('send refused');
    expect(await row(db, BOB)).toMatchObject({
      unread: 1,
      last: { body: 'mine', state: 'pending' },
    });
    await expectNoDrift(db);
    const outbox = await db.outbox.toArray();
    const rejected = {
      ...answer([]),
      results: outbox.map((r) => ({
        id: r.id,
        status: 'rejected',
        error: { code: 'id_conflict', message: 'taken' },
      })),
    };
    await applyResponse(db, outbox, rejected, 4_000);
    expect((await row(db, BOB))?.last).toMatchObject({ id: sent.value.id, state: 'failed' });
    await expectNoDrift(db);

    // Retried under a fresh id (re-keyed), then accepted; the pull stamps it before a reply.
    await retryOutbox(db, sent.value.id);
    const rekeyed = (await db.outbox.toArray()).find((r) => r.type === 'message.send');
    if (!rekeyed) throw new Error('not re-queued');
    expect((await row(db, BOB))?.last).toMatchObject({ id: rekeyed.id, state: 'pending' });
    await expectNoDrift(db);
    const accepted = { ...answer([]), results: [{ id: rekeyed.id, status: 'applied' }] };
    await applyResponse(db, [rekeyed], accepted, 5_000);
    expect((await row(db, BOB))?.last).toMatchObject({ id: rekeyed.id, state: 'sent' });
    const echo = incoming(ALICE, 'mine', { id: rekeyed.id, recipient: BOB });
    const after = incoming(BOB, 'reply');
    await applyResponse(db, [], answer([after, echo]), 5_100);
    // The pending message was the last one; stamped, it sorts before the reply.
    expect((await row(db, BOB))?.last).toMatchObject({ id: after.id, body: 'reply' });
    expect(await row(db, BOB)).toMatchObject({ unread: 2 });
    await expectNoDrift(db);

    // A discarded failure leaves the message before it as the last one.
    const second = await sendMessage(db, CAROL, 'to carol');
    if (!second.ok) throw new Error('send refused');
    const carolRows = (await db.outbox.toArray()).filter((r) => r.peer === CAROL);
    const refused = {
      ...answer([]),
      results: carolRows.map((r) => ({
        id: r.id,
        status: 'rejected',
        error: { code: 'invalid', message: 'no' },
      })),
    };
    await applyResponse(db, carolRows, refused, 6_000);
    await discardOutbox(db, second.value.id);
    expect((await row(db, CAROL))?.last).toMatchObject({ body: 'old 2' });
    await expectNoDrift(db);

    // Blocked conversations count nothing in the list or the badge.
    expect(await totalUnread(db)).toBe(2);
    await blockContact(db, BOB);
    expect(await row(db, BOB)).toMatchObject({ unread: 0 });
    expect(await totalUnread(db)).toBe(0);
  });

  it('keeps a preview of a long message, and a stranger gets a request row with its summary', async () => {
    const db = freshDb(ALICE);
    await applyResponse(db, [], answer([], [contact(BOB)]), 2_000);
    const long = 'x'.repeat(3_000);
    await applyResponse(db, [], answer([incoming('eve@example.com', long)]), 3_000);
    const eve = await row(db, 'eve@example.com');
    expect(eve?.contact.request).toBe(true);
    expect(eve?.unread).toBe(1);
    expect(eve?.last?.body).toBe('x'.repeat(PREVIEW_LENGTH));
    await expectNoDrift(db);
  });

  it('a pulled contact row keeps the summary this device keeps', async () => {
    const db = freshDb(ALICE);
    await addContact(db, { name: 'Bob', email: BOB });
    await applyResponse(db, [], answer([], [contact(BOB)]), 1_500);
    await applyResponse(db, [], answer([incoming(BOB, 'hi')]), 2_000);
    await applyResponse(
      db,
      [],
      answer([], [contact(BOB, { name: 'Robert', updatedAt: 200 })]),
      2_100,
    );
    expect(await row(db, BOB)).toMatchObject({ unread: 1, last: { body: 'hi' } });
    await expectNoDrift(db);
  });
});
