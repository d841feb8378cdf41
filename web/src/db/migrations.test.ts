import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { getMeta } from './meta.ts';
import { countUnread, listContactSummaries, totalUnread } from './queries.ts';
import { ChatDb, declareV1, declareV2, declareV3 } from './schema.ts';
import { summaryDrift } from './summary.ts';
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

/** What the v3 app showed, read with v3's own queries (a range per contact). */
async function v3View(db: Dexie, self: string) {
  const contacts = await db
    .table<LocalContact>('contacts')
    .orderBy('lastActivity')
    .reverse()
    .toArray();
  const messages = db.table<LocalMessage>('messages');
  const rows = [];
  for (const c of contacts) {
    const range = messages.where('[peer+rank+id]').between([c.email], [c.email, Dexie.maxKey]);
    const last = await range.last();
    const unread = c.blocked
      ? 0
      : await messages
          .where('[peer+arrival]')
          .between([c.email, c.readArrival ?? 0], [c.email, Dexie.maxKey], false)
          .filter((m) => m.sender !== self)
          .count();
    rows.push({ email: c.email, unread, last: last && [last.id, last.body, last.state] });
  }
  return rows;
}

it('upgrades a realistic version 3 database to version 4: every count, preview and row kept', async () => {
  const name = `migration-${crypto.randomUUID()}`;
  const self = 'alice@example.com';
  const v3 = new Dexie(name);
  declareV1(v3);
  declareV2(v3);
  declareV3(v3);
  const contact = (email: string, readArrival: number, patch: Partial<LocalContact> = {}) => ({
    email,
    name: email.split('@')[0],
    blocked: false,
    request: false,
    reported: false,
    updatedAt: 1,
    lastMessageAt: 900,
    lastReadAt: 0,
    lastActivity: 900,
    readArrival,
    ...patch,
  });
  await v3
    .table('contacts')
    .bulkPut([
      contact('bob@example.com', 2, { lastActivity: 990 }),
      contact('carol@example.com', 0, { lastActivity: 950 }),
      contact('dave@example.com', 0, { blocked: true, lastActivity: 940 }),
      contact('eve@example.com', 0, { request: true, name: '', lastActivity: 930 }),
      contact('frank@example.com', 0, { lastMessageAt: null, lastActivity: 5 }),
    ]);
  let arrival = 0;
  const message = (
    id: string,
    peer: string,
    serverTime: number | null,
    incoming: boolean,
    state: 'sent' | 'pending' | 'failed' = serverTime === null ? 'pending' : 'sent',
  ) => ({
    id,
    sender: incoming ? peer : self,
    recipient: incoming ? self : peer,
    peer,
    body: `body of ${id}`,
    sentAt: serverTime ?? 980,
    serverTime,
    rank: serverTime ?? PENDING_RANK_BASE + 980,
    state,
    ...(serverTime !== null && { arrival: ++arrival }),
    ...(state === 'failed' && { error: { code: 'invalid', message: 'refused' } }),
  });
  await v3
    .table('messages')
    .bulkPut([
      message('b1', 'bob@example.com', 100, true),
      message('b2', 'bob@example.com', 200, false),
      message('b3', 'bob@example.com', 300, true),
      message('b4', 'bob@example.com', 400, true),
      message('b5', 'bob@example.com', null, false),
      message('c1', 'carol@example.com', 150, true),
      message('c2', 'carol@example.com', null, false, 'failed'),
      message('d1', 'dave@example.com', 160, true),
      message('e1', 'eve@example.com', 170, true),
      message('e2', 'eve@example.com', 180, true),
    ]);
  await v3.table('outbox').bulkAdd([
    { id: 'b5', type: 'message.send', peer: 'bob@example.com', status: 'queued', createdAt: 980 },
    { id: 'c2', type: 'message.send', peer: 'carol@example.com', status: 'failed', createdAt: 980 },
  ]);
  await v3.table('drafts').put({ peer: 'carol@example.com', text: 'half a thought', updatedAt: 1 });
  await v3.table('meta').bulkPut([
    { key: 'arrivalSeq', value: arrival },
    { key: 'cursor', value: 'abc' },
  ]);
  const before = await v3View(v3, self);
  const tables = ['contacts', 'messages', 'outbox', 'drafts', 'meta'];
  const rowsBefore = await Promise.all(tables.map((t) => v3.table(t).toArray()));
  v3.close();
  // What v3 showed: bob 2 unread (b3, b4) and his pending message last, carol's failure last,
  // dave blocked, eve's request 2 unread, frank nothing.
  expect(before.map((r) => [r.email, r.unread, r.last?.[0]])).toEqual([
    ['bob@example.com', 2, 'b5'],
    ['carol@example.com', 1, 'c2'],
    ['dave@example.com', 0, 'd1'],
    ['eve@example.com', 2, 'e2'],
    ['frank@example.com', 0, undefined],
  ]);

  const db = new ChatDb(name, self);
  await db.open();
  const after = (await listContactSummaries(db)).map((s) => ({
    email: s.contact.email,
    unread: s.unread,
    last: s.last && [s.last.id, s.last.body, s.last.state],
  }));
  expect(after).toEqual(before);
  expect(await totalUnread(db)).toBe(5);
  expect(await summaryDrift(db)).toEqual([]);
  // Every row is what it was, plus the new fields.
  const rowsAfter = await Promise.all(tables.map((t) => db.table(t).toArray()));
  const strip = (row: Record<string, unknown>) => {
    const { words: _w, last: _l, unread: _u, ...rest } = row;
    return rest;
  };
  const meta = rowsAfter.length - 1;
  rowsAfter[meta] = (rowsAfter[meta] ?? []).filter((row) => row.key !== 'wordsIndexedUpTo');
  expect(rowsAfter.map((rows) => rows.map(strip))).toEqual(rowsBefore);
  // Every message indexed by the upgrade: no backlog.
  expect(await getMeta(db, 'wordsIndexedUpTo')).toBe(arrival);
  db.close();
});
