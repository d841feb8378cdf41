import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { ChatDb, declareV1, declareV2, declareV3, declareV4 } from './schema.ts';
import { summaryDrift } from './summary.ts';

it('upgrades version 4 to version 5: every row kept, an empty `removed` table', async () => {
  const name = `migration-${crypto.randomUUID()}`;
  const v4 = new Dexie(name);
  declareV1(v4);
  declareV2(v4);
  declareV3(v4);
  declareV4(v4);
  const message = {
    id: 'm1',
    sender: 'bob@example.com',
    recipient: 'alice@example.com',
    peer: 'bob@example.com',
    body: 'hello there',
    sentAt: 1,
    serverTime: 5,
    rank: 5,
    state: 'sent',
    arrival: 1,
    words: ['hello', 'there'],
  };
  await v4.table('messages').put(message);
  await v4.table('contacts').put({
    email: 'bob@example.com',
    name: 'Bob',
    blocked: false,
    request: false,
    reported: false,
    updatedAt: 1,
    lastMessageAt: 5,
    lastReadAt: 0,
    lastActivity: 5,
    readArrival: 0,
    unread: 1,
    last: {
      id: 'm1',
      sender: 'bob@example.com',
      body: 'hello there',
      state: 'sent',
      serverTime: 5,
      sentAt: 1,
      rank: 5,
    },
  });
  expect(v4.verno).toBe(4);
  v4.close();

  const db = new ChatDb(name, 'alice@example.com');
  await db.open();
  expect(db.verno).toBe(5);
  expect(await db.messages.get('m1')).toMatchObject({
    body: 'hello there',
    words: ['hello', 'there'],
  });
  expect(await db.messages.where('words').equals('hello').primaryKeys()).toEqual(['m1']);
  expect(await db.removed.count()).toBe(0);
  await db.removed.put({ id: 'm0', peer: 'bob@example.com' });
  expect(await db.removed.get('m0')).toEqual({ id: 'm0', peer: 'bob@example.com' });
  expect(await summaryDrift(db)).toEqual([]);
  db.close();
});

it('a worker cached from before v5 (declaring v1 to v4) opens the v5 database and syncs on', async () => {
  // Dexie (since 4.0.1) opens a database installed at a higher version than it declares at the
  // installed version instead of failing with VersionError, so an old worker keeps flushing.
  const name = `old-worker-${crypto.randomUUID()}`;
  const db = new ChatDb(name, 'alice@example.com');
  await db.open();
  await db.meta.put({ key: 'clientId', value: 'c1' });
  db.close();

  const old = new Dexie(name);
  declareV1(old);
  declareV2(old);
  declareV3(old);
  declareV4(old);
  await old.open();
  expect((await old.table('meta').get('clientId'))?.value).toBe('c1');
  await old.table('meta').put({ key: 'cursor', value: 'v1' });
  expect(await old.table('outbox').count()).toBe(0);
  old.close();

  const again = new ChatDb(name, 'alice@example.com');
  await again.open();
  expect(again.verno).toBe(5);
  expect(await again.removed.count()).toBe(0);
  again.close();
});
