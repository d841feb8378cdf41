import type { Message, MessageEvent } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import {
  addContact,
  canDeleteForEveryone,
  canEdit,
  deleteForEveryone,
  deleteForMe,
  editMessage,
  listConversation,
  setMeta,
  summaryDrift,
} from '../db/index.ts';
import { newId } from '../lib/uuid.ts';
import { search } from '../search/index.ts';
import { freshDb } from '../test/db.ts';
import { applyResponse } from './apply-response.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const T = 1_700_000_000_000;

/** A UUIDv7 at `ms` (newId never goes back in time, and these tests need it to). */
const v7At = (ms: number) => {
  const hex = ms.toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-${crypto.randomUUID().slice(-12)}`;
};

const message = (patch: Partial<Message> = {}): Message => ({
  id: newId(T),
  sender: BOB,
  recipient: ALICE,
  body: 'meet at the harbour',
  sentAt: T,
  serverTime: T,
  ...patch,
});

const event = (patch: Partial<MessageEvent> & Pick<MessageEvent, 'kind' | 'target'>) => ({
  id: newId(T + 1000),
  sender: BOB,
  serverTime: T + 1000,
  ...patch,
});

const pull = (messages: Message[], events: MessageEvent[] = []) => ({
  results: [],
  changes: { contacts: [], messages, events },
  cursor: 'next',
  more: false,
});

async function withMessage(m = message()) {
  const db = freshDb(ALICE);
  await addContact(db, { name: 'Bob', email: BOB });
  await db.outbox.clear();
  await setMeta(db, 'initialSyncDone', true);
  await applyResponse(db, [], pull([m]), T);
  return { db, m };
}

const bodies = async (db: ReturnType<typeof freshDb>) =>
  (await listConversation(db, BOB)).map((m) => (m.deleted ? '(deleted)' : m.body));
const found = async (db: ReturnType<typeof freshDb>, q: string) =>
  (await search(db, q)).conversations.flatMap((c) => c.messages.map((m) => m.id));

describe('pulled edits and deletes', () => {
  it('an edit replaces the bubble, the preview and the search words', async () => {
    const { db, m } = await withMessage();
    await applyResponse(
      db,
      [],
      pull([], [event({ kind: 'edit', target: m.id, body: 'meet at the station' })]),
      T,
    );
    expect(await bodies(db)).toEqual(['meet at the station']);
    expect((await listConversation(db, BOB))[0]).toMatchObject({ editedAt: T + 1000 });
    expect((await db.contacts.get(BOB))?.last?.body).toBe('meet at the station');
    expect(await found(db, 'station')).toEqual([m.id]);
    expect(await found(db, 'harbour')).toEqual([]);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('a delete leaves a tombstone, gone from preview and search, and nothing resurrects it', async () => {
    const { db, m } = await withMessage();
    await applyResponse(db, [], pull([], [event({ kind: 'delete', target: m.id })]), T);
    expect(await bodies(db)).toEqual(['(deleted)']);
    expect((await db.contacts.get(BOB))?.last).toMatchObject({ body: '', deleted: true });
    expect(await found(db, 'harbour')).toEqual([]);
    // The overlap window re-sends the old copy; a late edit arrives: neither brings text back.
    const late = event({ kind: 'edit', target: m.id, body: 'back again', id: v7At(T + 5000) });
    await applyResponse(db, [], pull([m], [late]), T);
    expect(await bodies(db)).toEqual(['(deleted)']);
    expect(await found(db, 'harbour')).toEqual([]);
    expect(await found(db, 'back')).toEqual([]);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('an edit before its message is skipped; the message comes with its final text', async () => {
    const db = freshDb(ALICE);
    await addContact(db, { name: 'Bob', email: BOB });
    const m = message({ body: 'final text', editVersion: 'z', editedAt: T + 1 });
    await applyResponse(db, [], pull([], [event({ kind: 'edit', target: m.id, body: 'x' })]), T);
    expect(await listConversation(db, BOB)).toEqual([]);
    await applyResponse(db, [], pull([m]), T);
    expect(await bodies(db)).toEqual(['final text']);
  });

  it('edits are last-writer-wins by version, and a stale pulled copy does not undo one', async () => {
    const { db, m } = await withMessage();
    const newer = event({ kind: 'edit', target: m.id, body: 'newer', id: v7At(T + 9000) });
    const older = event({ kind: 'edit', target: m.id, body: 'older', id: v7At(T + 2000) });
    await applyResponse(db, [], pull([], [newer, older]), T);
    expect(await bodies(db)).toEqual(['newer']);
    await applyResponse(db, [], pull([m]), T);
    expect(await bodies(db)).toEqual(['newer']);
  });

  it('an edit or delete by someone other than the sender is ignored', async () => {
    const { db, m } = await withMessage();
    const forged = [
      event({ kind: 'edit', target: m.id, body: 'forged', sender: ALICE }),
      event({ kind: 'delete', target: m.id, sender: ALICE }),
    ];
    await applyResponse(db, [], pull([], forged), T);
    expect(await bodies(db)).toEqual(['meet at the harbour']);
  });

  it('delete for me from another device removes it here for good', async () => {
    const { db, m } = await withMessage();
    expect((await db.contacts.get(BOB))?.unread).toBe(1);
    await applyResponse(
      db,
      [],
      pull([], [event({ kind: 'hide', target: m.id, sender: ALICE })]),
      T,
    );
    expect(await listConversation(db, BOB)).toEqual([]);
    expect((await db.contacts.get(BOB))?.unread).toBe(0);
    await applyResponse(db, [], pull([m]), T);
    expect(await listConversation(db, BOB)).toEqual([]);
    expect(await summaryDrift(db)).toEqual([]);
    // A hide that comes before this device ever had its message: the copy stays out too.
    const later = message({ id: newId(T + 50) });
    await applyResponse(
      db,
      [],
      pull([], [event({ kind: 'hide', target: later.id, sender: ALICE })]),
      T,
    );
    await applyResponse(db, [], pull([later]), T);
    expect(await listConversation(db, BOB)).toEqual([]);
  });

  it('an edit or delete pulled after a hide of the same message in one page stays gone', async () => {
    // Found by the soak (sim-1, seed 1035784694): I delete Bob's message for me on my phone
    // while he edits it; the laptop pulls the hide and the edit together.
    for (const kind of ['edit', 'delete'] as const) {
      const { db, m } = await withMessage();
      const hide = event({ kind: 'hide', target: m.id, sender: ALICE, id: v7At(T + 1000) });
      const change = event({ kind, target: m.id, body: 'meet at the station', id: v7At(T + 2000) });
      await applyResponse(db, [], pull([], [hide, change]), T);
      expect(await listConversation(db, BOB)).toEqual([]);
      expect((await db.contacts.get(BOB))?.last).toBeUndefined();
      expect(await summaryDrift(db)).toEqual([]);
    }
  });
});

describe('editing and deleting my own messages', () => {
  const mine = () => message({ sender: ALICE, recipient: BOB, body: 'typo hear' });

  it('an edit shows at once and queues message.edit; offered for 24 hours', async () => {
    const { db, m } = await withMessage(mine());
    const sent = (await listConversation(db, BOB))[0];
    if (!sent) throw new Error('no message');
    expect(canEdit(db, sent, T + 24 * 3600 * 1000)).toBe(true);
    expect(canEdit(db, sent, T + 24 * 3600 * 1000 + 1)).toBe(false);
    expect((await editMessage(db, m.id, 'typo here', T + 10)).ok).toBe(true);
    expect(await bodies(db)).toEqual(['typo here']);
    expect((await db.contacts.get(BOB))?.last?.body).toBe('typo here');
    const queued = await db.outbox.toArray();
    expect(queued.map((r) => r.mutation)).toEqual([
      { id: expect.any(String), type: 'message.edit', peer: BOB, target: m.id, body: 'typo here' },
    ]);
    // The pull bringing back an older copy keeps the edit; the echo of the edit settles it.
    await applyResponse(db, [], pull([m]), T);
    expect(await bodies(db)).toEqual(['typo here']);
    const echo = event({ kind: 'edit', target: m.id, body: 'typo here', id: queued[0]?.id ?? '' });
    await applyResponse(db, [], pull([], [{ ...echo, sender: ALICE }]), T);
    expect(await db.outbox.count()).toBe(0);
  });

  it('stops offering Edit after 10 edits here, and never for the peer', async () => {
    const { db, m } = await withMessage(mine());
    for (let i = 0; i < 10; i++)
      expect((await editMessage(db, m.id, `v${i}`, T + i)).ok).toBe(true);
    expect((await editMessage(db, m.id, 'v10', T + 20)).ok).toBe(false);
    const other = await withMessage();
    const theirs = (await listConversation(other.db, BOB))[0];
    if (!theirs) throw new Error('no message');
    expect(canEdit(other.db, theirs, T)).toBe(false);
    expect(canDeleteForEveryone(other.db, theirs, T)).toBe(false);
  });

  it('delete for everyone leaves a tombstone and queues message.delete; 48 hours', async () => {
    const { db, m } = await withMessage(mine());
    expect((await deleteForEveryone(db, m.id, T + 48 * 3600 * 1000 + 1)).ok).toBe(false);
    expect((await deleteForEveryone(db, m.id, T + 10)).ok).toBe(true);
    expect(await bodies(db)).toEqual(['(deleted)']);
    expect(await found(db, 'typo')).toEqual([]);
    expect((await db.outbox.toArray()).map((r) => r.type)).toEqual(['message.delete']);
    expect((await editMessage(db, m.id, 'again', T + 20)).ok).toBe(false);
  });

  it('delete for me removes it here and queues message.hide', async () => {
    const { db, m } = await withMessage();
    expect((await deleteForMe(db, m.id, T + 10)).ok).toBe(true);
    expect(await listConversation(db, BOB)).toEqual([]);
    // Bob's message was pulled, so a delivered receipt for it is queued too (db/commands/receipts.ts).
    const queued = (await db.outbox.toArray()).map((r) => r.mutation);
    expect(queued.filter((q) => !q.type.startsWith('receipt.'))).toEqual([
      { id: expect.any(String), type: 'message.hide', peer: BOB, target: m.id },
    ]);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('a change the server refuses is undone here, and shown as failed', async () => {
    const { db, m } = await withMessage(mine());
    const refuse = async () => {
      const rows = (await db.outbox.toArray()).filter((r) => r.status === 'queued');
      const results = rows.map((r) => ({
        id: r.id,
        status: 'rejected',
        error: { code: 'edit_window_passed', message: 'too late' },
      }));
      await applyResponse(db, rows, { ...pull([]), results }, T);
    };
    await editMessage(db, m.id, 'edited offline', T + 10);
    await refuse();
    expect(await bodies(db)).toEqual(['typo hear']);
    expect((await listConversation(db, BOB))[0]?.editVersion).toBeUndefined();
    expect(await found(db, 'hear')).toEqual([m.id]);
    await deleteForEveryone(db, m.id, T + 20);
    await refuse();
    expect(await bodies(db)).toEqual(['typo hear']);
    await deleteForMe(db, m.id, T + 30);
    await refuse();
    expect(await bodies(db)).toEqual(['typo hear']);
    expect((await db.outbox.toArray()).map((r) => r.status)).toEqual([
      'failed',
      'failed',
      'failed',
    ]);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('chained changes all refused go back to the original, not to the first change', async () => {
    // Two edits and a delete for me made offline past the window: each was made on top of the
    // one before, and each is refused, answered in order.
    const { db, m } = await withMessage(mine());
    await editMessage(db, m.id, 'first fix', T + 10);
    await editMessage(db, m.id, 'second fix', T + 20);
    await deleteForMe(db, m.id, T + 30);
    const rows = await db.outbox.toArray();
    const results = rows.map((r) => ({
      id: r.id,
      status: 'rejected',
      error: { code: 'edit_window_passed', message: 'too late' },
    }));
    await applyResponse(db, rows, { ...pull([]), results }, T);
    expect(await bodies(db)).toEqual(['typo hear']);
    expect((await listConversation(db, BOB))[0]?.editVersion).toBeUndefined();
    expect(await found(db, 'first')).toEqual([]);
    expect(await summaryDrift(db)).toEqual([]);
  });

  it('a refused edit followed by an accepted one ends with the accepted text', async () => {
    const { db, m } = await withMessage(mine());
    await editMessage(db, m.id, 'refused fix', T + 10);
    await editMessage(db, m.id, 'accepted fix', T + 20);
    const rows = await db.outbox.toArray();
    const results = rows.map((r, i) =>
      i === 0
        ? { id: r.id, status: 'rejected', error: { code: 'edit_limit_reached', message: 'cap' } }
        : { id: r.id, status: 'applied' },
    );
    await applyResponse(db, rows, { ...pull([]), results }, T);
    expect(await bodies(db)).toEqual(['accepted fix']);
  });
});
