import { Dexie } from 'dexie';
import { expect, it } from 'vitest';
import { ChatDb, declareV1 } from './schema.ts';
import { PENDING_RANK_BASE } from './types.ts';

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

  const db = new ChatDb(name, 'alice@example.com');
  await db.open();
  expect(db.verno).toBe(2);
  const messages = await db.messages
    .where('[peer+rank+id]')
    .between(['bob@example.com'], ['bob@example.com', Dexie.maxKey])
    .toArray();
  expect(messages.map((m) => [m.id, m.rank])).toEqual([
    ['m1', 500],
    ['m2', PENDING_RANK_BASE + 600],
  ]);
  const contacts = await db.contacts.orderBy('lastActivity').toArray();
  expect(contacts.map((c) => [c.email, c.lastActivity, c.lastReadAt])).toEqual([
    ['carol@example.com', 20, 0],
    ['bob@example.com', 500, 400],
  ]);
  expect(await db.outbox.count()).toBe(1);
  expect((await db.meta.get('cursor'))?.value).toBe('abc');
  expect(await db.drafts.count()).toBe(0);
  db.close();
});
