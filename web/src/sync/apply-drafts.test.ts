import type { Contact } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import { addContact, type ChatDb, saveDraft, sendMessage, syncDraft } from '../db/index.ts';
import { newId } from '../lib/uuid.ts';
import { freshDb } from '../test/db.ts';
import { applyResponse } from './apply-response.ts';

const BOB = 'bob@example.com';

const row = (patch: Partial<Contact>): Contact => ({
  email: BOB,
  name: 'Bob',
  blocked: false,
  request: false,
  reported: false,
  updatedAt: 100,
  lastMessageAt: 100,
  ...patch,
});
const pulled = (contact: Contact) => ({
  results: [],
  changes: { contacts: [contact], messages: [] },
  cursor: 'next',
  more: false,
});
const drafts = (db: ChatDb) => db.outbox.filter((r) => r.type === 'draft.set').toArray();

async function withBob() {
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  await db.outbox.clear();
  return db;
}

describe('drafts across devices', () => {
  it('a newer draft from another device replaces the local one; an older one does not', async () => {
    const db = await withBob();
    const older = newId(1000);
    const newer = newId(2000);
    await applyResponse(
      db,
      [],
      pulled(row({ updatedAt: 200, draft: 'from the laptop', draftId: newer })),
      300,
    );
    expect(await db.drafts.get(BOB)).toMatchObject({ text: 'from the laptop', version: newer });
    await applyResponse(
      db,
      [],
      pulled(row({ updatedAt: 201, draft: 'stale', draftId: older })),
      400,
    );
    expect((await db.drafts.get(BOB))?.text).toBe('from the laptop');
    // The contact keeps the newer draft too (a stale row never regresses it).
    expect((await db.contacts.get(BOB))?.draftId).toBe(newer);
  });

  it('a pulled draft never overwrites text typed here and not queued yet; typing then wins', async () => {
    const db = await withBob();
    await saveDraft(db, BOB, 'typing here', 500);
    await applyResponse(
      db,
      [],
      pulled(row({ updatedAt: 200, draft: 'elsewhere', draftId: newId(Date.now()) })),
      600,
    );
    expect((await db.drafts.get(BOB))?.text).toBe('typing here');
    expect(await syncDraft(db, BOB, Date.now() + 10)).toBe(true);
    const [queued] = await drafts(db);
    expect(queued?.mutation).toMatchObject({ type: 'draft.set', email: BOB, text: 'typing here' });
    expect((await db.drafts.get(BOB))?.version).toBe(queued?.id);
  });

  it('typing in bursts queues one draft.set (coalesced), and none when nothing changed', async () => {
    const db = await withBob();
    await saveDraft(db, BOB, 'h', 1);
    await syncDraft(db, BOB, 10);
    await saveDraft(db, BOB, 'hello', 20);
    await syncDraft(db, BOB, 30);
    expect(await syncDraft(db, BOB, 40)).toBe(false);
    expect((await drafts(db)).map((r) => (r.mutation as { text: string }).text)).toEqual(['hello']);
  });

  it('sending clears the draft everywhere, and a stale pulled draft does not come back', async () => {
    const db = await withBob();
    await saveDraft(db, BOB, 'hello', 10);
    await syncDraft(db, BOB, 20);
    const typedOnLaptop = newId(Date.now());
    await sendMessage(db, BOB, 'hello', Date.now() + 5);
    const [clear] = await drafts(db);
    expect(clear?.mutation).toMatchObject({ text: '' });
    await applyResponse(
      db,
      [],
      pulled(row({ updatedAt: 300, draft: 'hel', draftId: typedOnLaptop })),
      400,
    );
    expect((await db.drafts.get(BOB))?.text ?? '').toBe('');
  });
});
