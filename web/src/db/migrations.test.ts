import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { getMeta } from './meta.ts';
import { countUnread } from './queries.ts';
import { ChatDb, declareV1, declareV2, declareV3 } from './schema.ts';
import { type LocalContact, type LocalMessage, PENDING_RANK_BASE } from './types.ts';

it('upgrades a version 1 database to version 2 keeping every row', async () => {
  const name = `migration-${crypto.randomUUID()}`;
  const v1 = new Dexie(name);
  declareV1(v1);
  await v1.table('contacts').bulkPut([
    {
      email: 'bob@example.com',
      name: 'Bob',
      blocked: false,
      request: false,
      reported: false,
      updatedAt: 10,
      lastMessageAt: 500,
      lastReadAt: 400,
    },
    {
      email: 'carol@example.com',
      name: 'Carol',
      blocked: false,
      request: false,
      reported: false,
      updatedAt: 20,
      lastMessageAt: null,
    },
  ]);
  const base = {
    sender: 'alice@example.com',
    recipient: 'bob@example.com',
    peer: 'bob@example.com',
  };
  await v1.table('messages').bulkPut([
    { ...base, id: 'm1', body: 'sent', sentAt: 100, serverTime: 500, state: 'sent' },
    { ...base, id: 'm2', body: 'unsent', sentAt: 600, serverTime: null, state: 'pending' },
  ]);
  await v1.table('outbox').add({ id: 'm2', type: 'message.send', status: 'queued' });
  await v1.table('meta').put({ key: 'cursor', value: 'abc' });
  expect(v1.verno).toBe(1);
  v1.close();

  // Version 2 exactly as it shipped (ChatDb itself is newer now).
  const db = new Dexie(name);
  declareV1(db);
  declareV2(db);
  await db.open();
  expect(db.verno).toBe(2);
  const messages = await db
    .table<LocalMessage>('messages')
    .where('[peer+rank+id]')
    .between(['bob@example.com'], ['bob@example.com', Dexie.maxKey])
    .toArray();
  expect(messages.map((m) => [m.id, m.rank])).toEqual([
    ['m1', 500],
    ['m2', PENDING_RANK_BASE + 600],
  ]);
  const contacts = await db.table<LocalContact>('contacts').orderBy('lastActivity').toArray();
  expect(contacts.map((c) => [c.email, c.lastActivity, c.lastReadAt])).toEqual([
    ['carol@example.com', 20, 0],
    ['bob@example.com', 500, 400],
  ]);
  expect(await db.table('outbox').count()).toBe(1);
  expect((await db.table('meta').get('cursor'))?.value).toBe('abc');
  expect(await db.table('drafts').count()).toBe(0);
  db.close();
});

it('upgrades version 2 to version 3: arrival numbers in display order, unread counts kept', async () => {
  const name = `migration-${crypto.randomUUID()}`;
  const v2 = new Dexie(name);
  declareV1(v2);
  declareV2(v2);
  const contact = (email: string, lastReadAt: number) => ({
    email,
    name: email,
    blocked: false,
    request: false,
    reported: false,
    updatedAt: 1,
    lastMessageAt: 900,
    lastReadAt,
    lastActivity: 900,
  });
  await v2
    .table('contacts')
    .bulkPut([contact('bob@example.com', 300), contact('carol@example.com', 0)]);
  const message = (id: string, peer: string, serverTime: number | null, incoming = true) => ({
    id,
    sender: incoming ? peer : 'alice@example.com',
    recipient: incoming ? 'alice@example.com' : peer,
    peer,
    body: id,
    sentAt: serverTime ?? 950,
    serverTime,
    rank: serverTime ?? PENDING_RANK_BASE + 950,
    state: serverTime === null ? 'pending' : 'sent',
  });
  await v2
    .table('messages')
    .bulkPut([
      message('b4', 'bob@example.com', 400),
      message('b2', 'bob@example.com', 200),
      message('b3', 'bob@example.com', 300, false),
      message('b5', 'bob@example.com', 500),
      message('b6', 'bob@example.com', null, false),
      message('c1', 'carol@example.com', 100),
    ]);
  v2.close();

  const db = new ChatDb(name, 'alice@example.com');
  await db.open();
  expect(db.verno).toBeGreaterThanOrEqual(3); // through v3 (and any later version)
  const bob = await db.messages
    .where('[peer+arrival]')
    .between(['bob@example.com', Dexie.minKey], ['bob@example.com', Dexie.maxKey])
    .toArray();
  // Numbered in display order; the unsent message has no arrival yet.
  expect(bob.map((m) => m.id)).toEqual(['b2', 'b3', 'b4', 'b5']);
  expect(bob.map((m) => m.arrival)).toEqual([1, 2, 3, 4]);
  expect((await db.messages.get('b6'))?.arrival).toBeUndefined();
  expect((await db.messages.get('c1'))?.arrival).toBe(5);
  expect(await getMeta(db, 'arrivalSeq')).toBe(5);
  // Before: bob had 2 unread (stamped after 300), carol 1. Still so.
  const [bobRow, carolRow] = await db.contacts.bulkGet(['bob@example.com', 'carol@example.com']);
  if (!bobRow || !carolRow) throw new Error('contacts lost');
  expect(bobRow.readArrival).toBe(2);
  expect(await countUnread(db, bobRow)).toBe(2);
  expect(await countUnread(db, carolRow)).toBe(1);
  db.close();
});

it('upgrades version 3 to version 4: every message is found by its words', async () => {
  const name = `migration-${crypto.randomUUID()}`;
  const v3 = new Dexie(name);
  declareV1(v3);
  declareV2(v3);
  declareV3(v3);
  const message = (id: string, body: string) => ({
    id,
    sender: 'bob@example.com',
    recipient: 'alice@example.com',
    peer: 'bob@example.com',
    body,
    sentAt: 1,
    serverTime: 1,
    rank: 1,
    arrival: 1,
    state: 'sent',
  });
  await v3
    .table('messages')
    .bulkPut([message('m1', 'Meet at the Café'), message('m2', 'café? no, tea')]);
  v3.close();

  const db = new ChatDb(name, 'alice@example.com');
  await db.open();
  const ids = async (prefix: string) =>
    (await db.messages.where('words').startsWith(prefix).distinct().primaryKeys()).sort();
  expect(await ids('caf')).toEqual(['m1', 'm2']);
  expect(await ids('tea')).toEqual(['m2']);
  // New rows are indexed in the same write; a state change keeps the words.
  await db.messages.put({
    ...message('m3', 'Tea time'),
    state: 'sent',
    serverTime: 2,
  } as LocalMessage);
  await db.messages.update('m2', { state: 'failed' });
  expect(await ids('tea')).toEqual(['m2', 'm3']);
  db.close();
});
