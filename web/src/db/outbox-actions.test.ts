import { describe, expect, it } from 'vitest';
import { freshDb } from '../test/db.ts';
import { addContact } from './commands/add-contact.ts';
import { discardOutbox, retryOutbox } from './commands/outbox-actions.ts';
import { sendMessage } from './commands/send-message.ts';
import { markFailed } from './outbox.ts';
import type { ChatDb } from './schema.ts';

const BOB = 'bob@example.com';

async function failedSend(db: ChatDb, code: string) {
  await addContact(db, { name: 'Bob', email: BOB });
  const sent = await sendMessage(db, BOB, 'hello');
  if (!sent.ok) throw new Error('send failed');
  const row = await db.outbox.where('id').equals(sent.value.id).first();
  if (!row) throw new Error('no row');
  await db.transaction('rw', [db.outbox, db.messages, db.contacts], () =>
    markFailed(db, row, { code, message: 'nope' }),
  );
  return sent.value.id;
}

describe('retry and discard after a rejection', () => {
  it('retry re-queues the same mutation with the same id, at the end of the queue', async () => {
    const db = freshDb();
    const id = await failedSend(db, 'invalid');
    await addContact(db, { name: 'Carol', email: 'carol@example.com' });
    await retryOutbox(db, id);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => [r.type, r.status])).toEqual([
      ['contact.add', 'queued'],
      ['contact.add', 'queued'],
      ['message.send', 'queued'],
    ]);
    expect(rows[2]?.id).toBe(id);
    expect(rows[2]?.mutation.id).toBe(id);
    expect(rows[2]?.error).toBeUndefined();
    const message = await db.messages.get(id);
    expect(message?.state).toBe('pending');
    expect(message?.error).toBeUndefined();
  });

  it('an id_conflict is retried under a fresh id, with the message re-keyed', async () => {
    const db = freshDb();
    const id = await failedSend(db, 'id_conflict');
    await retryOutbox(db, id);
    const row = (await db.outbox.toArray()).find((r) => r.type === 'message.send');
    expect(row?.id).not.toBe(id);
    expect(row?.mutation.id).toBe(row?.id);
    expect(await db.messages.get(id)).toBeUndefined();
    expect(await db.messages.get(row?.id ?? '')).toMatchObject({ body: 'hello', state: 'pending' });
  });

  it('discard removes the failed message and its queue entry, nothing else', async () => {
    const db = freshDb();
    const id = await failedSend(db, 'invalid');
    await discardOutbox(db, id);
    expect(await db.messages.count()).toBe(0);
    expect((await db.outbox.toArray()).map((r) => r.type)).toEqual(['contact.add']);
  });

  it('never retries or discards an item that has not failed', async () => {
    const db = freshDb();
    await addContact(db, { name: 'Bob', email: BOB });
    const sent = await sendMessage(db, BOB, 'hello');
    if (!sent.ok) throw new Error('send failed');
    await discardOutbox(db, sent.value.id);
    expect(await db.messages.count()).toBe(1);
  });
});
