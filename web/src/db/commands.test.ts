import { describe, expect, it } from 'vitest';
import { freshDb } from '../test/db.ts';
import { addContact, SELF_CONTACT_ERROR } from './commands/add-contact.ts';
import {
  acceptRequest,
  blockContact,
  reportContact,
  unblockContact,
} from './commands/contact-actions.ts';
import { saveDraft } from './commands/drafts.ts';
import { sendMessage } from './commands/send-message.ts';
import { listContactSummaries, listConversation } from './queries.ts';

describe('addContact', () => {
  it('validates name and email with the protocol schemas', async () => {
    const db = freshDb();
    const result = await addContact(db, { name: ' ', email: 'not-an-email' });
    expect(result).toEqual({
      ok: false,
      errors: { name: 'name is required', email: 'email is not a valid address' },
    });
    expect(await db.contacts.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });

  it('refuses to add yourself, in any letter case', async () => {
    const db = freshDb('alice@example.com');
    const result = await addContact(db, { name: 'Me', email: ' Alice@Example.COM ' });
    expect(result).toEqual({ ok: false, errors: { email: SELF_CONTACT_ERROR } });
  });

  it('keeps one contact when the same email is added twice, and says it is already one', async () => {
    const db = freshDb();
    await addContact(db, { name: 'Bob', email: 'bob@example.com' });
    const again = await addContact(db, { name: 'Bobby', email: 'BOB@example.com' });
    expect(again).toMatchObject({
      ok: false,
      errors: { email: expect.stringMatching(/already a contact/) },
    });
    const contacts = await db.contacts.toArray();
    expect(contacts.map((c) => [c.email, c.name])).toEqual([['bob@example.com', 'Bob']]);
    expect(await db.outbox.count()).toBe(1);
  });
});

describe('writes and the outbox', () => {
  it('queues every action in the order it happened, each with its rows', async () => {
    const db = freshDb();
    await addContact(db, { name: 'Bob', email: 'bob@example.com' }, 1000);
    const sent = await sendMessage(db, 'bob@example.com', ' hello \n', 1001);
    await blockContact(db, 'bob@example.com', 1002);
    await unblockContact(db, 'bob@example.com', 1003);
    await reportContact(db, 'bob@example.com', 'spam', 1004);
    const rows = await db.outbox.orderBy('seq').toArray();
    expect(rows.map((r) => r.type)).toEqual([
      'contact.add',
      'message.send',
      'contact.block',
      'contact.unblock',
      'contact.report',
    ]);
    expect(rows.every((r) => r.status === 'queued')).toBe(true);
    if (!sent.ok) throw new Error('send failed');
    expect(rows[1]?.id).toBe(sent.value.id);
    const [message] = await listConversation(db, 'bob@example.com');
    expect(message).toMatchObject({ id: sent.value.id, body: 'hello', state: 'pending' });
    const bob = await db.contacts.get('bob@example.com');
    expect(bob).toMatchObject({ blocked: false, reported: true, name: 'Bob' });
  });

  it('sending clears the draft and bumps the conversation to the top', async () => {
    const db = freshDb();
    await addContact(db, { name: 'Bob', email: 'bob@example.com' }, 1000);
    await addContact(db, { name: 'Carol', email: 'carol@example.com' }, 2000);
    await saveDraft(db, 'bob@example.com', 'half a thought');
    await sendMessage(db, 'bob@example.com', 'whole thought', 3000);
    expect(await db.drafts.get('bob@example.com')).toBeUndefined();
    const list = await listContactSummaries(db);
    expect(list.map((s) => s.contact.email)).toEqual(['bob@example.com', 'carol@example.com']);
    expect(list[0]?.last?.body).toBe('whole thought');
  });

  it('refuses an empty message and a reason-less report', async () => {
    const db = freshDb();
    expect(await sendMessage(db, 'bob@example.com', '   ')).toEqual({
      ok: false,
      errors: { body: 'message is empty' },
    });
    expect(await reportContact(db, 'bob@example.com', '')).toEqual({
      ok: false,
      errors: { reason: 'reason is required' },
    });
    expect(await db.outbox.count()).toBe(0);
  });

  it('accepting a request clears it and names the contact after its email', async () => {
    const db = freshDb();
    await db.contacts.put({
      email: 'eve@example.com',
      name: '',
      blocked: false,
      request: true,
      reported: false,
      updatedAt: 1,
      lastMessageAt: 1,
      lastReadAt: 0,
      lastActivity: 1,
    });
    await acceptRequest(db, 'eve@example.com');
    expect(await db.contacts.get('eve@example.com')).toMatchObject({
      request: false,
      name: 'eve@example.com',
    });
    const [row] = await db.outbox.toArray();
    expect(row?.mutation).toMatchObject({ type: 'contact.add', name: 'eve@example.com' });
  });
});
