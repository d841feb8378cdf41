import { type Contact, compositeNamespace, type Message } from '@chatscape/sync-api/protocol';
import { describe, expect, it } from 'vitest';
import type { ChatDb } from '../db/index.ts';
import { applyResponse } from '../sync/index.ts';
import { freshDb } from '../test/db.ts';
import { handlePush, type PushWorkerDeps } from './handle-push.ts';
import type { NotificationContent } from './notification-content.ts';
import { setShowPreviews } from './settings.ts';

const alice = 'alice@example.com';
const bob = 'bob@example.com';
const carol = 'carol@example.com';
const t0 = 1_700_000_000_000;

const contact = (email: string, over: Partial<Contact> = {}): Contact => ({
  email,
  name: '',
  blocked: false,
  request: false,
  reported: false,
  updatedAt: t0,
  lastMessageAt: t0,
  ...over,
});

let n = 0;
const message = (sender: string, body: string): Message => ({
  id: crypto.randomUUID(),
  sender,
  recipient: alice,
  body,
  sentAt: t0,
  serverTime: t0 + ++n,
});

const pull = (db: ChatDb, contacts: Contact[], messages: Message[]) =>
  applyResponse(
    db,
    [],
    { results: [], changes: { contacts, messages }, cursor: `c${++n}`, more: false },
    t0,
  );

/** A worker whose sync applies `pulled` (the server's answer) to alice's database. */
async function worker(pulled: { contacts: Contact[]; messages: Message[] }) {
  const db = freshDb(alice);
  await pull(db, [], []); // the first sync is history: later arrivals are unread
  const shown: NotificationContent[] = [];
  const events: string[] = [];
  let windows: { url: string; visibilityState: DocumentVisibilityState }[] = [];
  const closed: string[] = [];
  const deps: PushWorkerDeps = {
    accounts: async () => [{ self: alice, apiURL: 'http://x', updatedAt: 0 }],
    sync: async () => {
      events.push('sync');
      await pull(db, pulled.contacts, pulled.messages);
    },
    // The handler closes what it opens: give it its own connection, like the worker.
    openDb: async () => {
      const own = new (db.constructor as new (name: string, self: string) => ChatDb)(
        db.name,
        alice,
      );
      await own.open();
      return own;
    },
    windows: async () => windows,
    show: async (c) => {
      events.push(`show ${(await db.messages.count()) > 0 ? 'after-write' : 'before-write'}`);
      shown.push(c);
    },
    displayed: async (tag) =>
      shown
        .filter((s) => !tag || s.options.tag === tag)
        .map((s) => ({ tag: s.options.tag ?? '', close: () => closed.push(s.options.tag ?? '') })),
    setBadge: async (count) => void events.push(`badge ${count}`),
    unsubscribe: async () => void events.push('unsubscribe'),
  };
  const push = () =>
    handlePush(deps, { v: 1, type: 'poke', conversation: compositeNamespace(alice, bob) });
  return {
    db,
    deps,
    shown,
    events,
    closed,
    push,
    setWindows: (w: typeof windows) => (windows = w),
  };
}

describe('handlePush', () => {
  it('pulls first, then shows the conversation titled with the saved name and the text', async () => {
    const w = await worker({
      contacts: [contact(bob, { name: 'Bobby' })],
      messages: [message(bob, 'See you at 8')],
    });
    expect(await w.push()).toBe('shown');
    expect(w.events).toEqual(['sync', 'badge 1', 'show after-write']);
    expect(w.shown[0]).toMatchObject({
      title: 'Bobby',
      options: {
        body: 'See you at 8',
        tag: bob,
        data: { url: `/chat/${encodeURIComponent(bob)}` },
      },
    });
  });

  it('counts what arrived: "3 new messages", replacing the same tag', async () => {
    const msgs = [message(bob, 'one'), message(bob, 'two'), message(bob, 'three')];
    const w = await worker({ contacts: [contact(bob, { name: 'Bobby' })], messages: msgs });
    await w.push();
    expect(w.shown[0]?.options).toMatchObject({
      body: '3 new messages\nthree',
      tag: bob,
      renotify: true,
    });
  });

  it('hides the text when previews are off', async () => {
    const w = await worker({
      contacts: [contact(bob, { name: 'Bobby' })],
      messages: [message(bob, 'secret')],
    });
    await setShowPreviews(w.db, false);
    await w.push();
    expect(w.shown[0]?.options.body).toBe('New message');
    expect(JSON.stringify(w.shown)).not.toContain('secret');
  });

  it('says "New message request" for someone not accepted yet', async () => {
    const w = await worker({
      contacts: [contact(bob, { request: true })],
      messages: [message(bob, 'hi, it is bob')],
    });
    await w.push();
    expect(w.shown[0]).toMatchObject({
      title: 'New message request',
      options: { body: `${bob}: hi, it is bob` },
    });
  });

  it('leaves it to a visible window showing that conversation', async () => {
    const w = await worker({ contacts: [contact(bob)], messages: [message(bob, 'hi')] });
    w.setWindows([
      { url: `https://app/chat/${encodeURIComponent(bob)}`, visibilityState: 'visible' },
    ]);
    expect(await w.push()).toBe('window');
    expect(w.shown).toEqual([]);
    // A window on another conversation does not count.
    w.setWindows([
      { url: `https://app/chat/${encodeURIComponent(carol)}`, visibilityState: 'visible' },
    ]);
    expect(await w.push()).toBe('shown');
  });

  it('shows nothing for a blocked sender when a window is showing, and never stays silent otherwise', async () => {
    const w = await worker({
      contacts: [contact(bob, { blocked: true })],
      messages: [message(bob, 'spam')],
    });
    w.setWindows([{ url: 'https://app/', visibilityState: 'visible' }]);
    expect(await w.push()).toBe('nothing-new');
    expect(w.shown).toEqual([]);
    w.setWindows([]);
    expect(await w.push()).toBe('status');
    expect(w.shown).toHaveLength(1);
    expect(w.shown[0]?.options).toMatchObject({ tag: 'chatscape-status', silent: true });
    expect(JSON.stringify(w.shown)).not.toContain('spam');
  });

  it('drops the browser subscription when nobody is signed in here any more', async () => {
    const w = await worker({ contacts: [], messages: [] });
    w.deps.accounts = async () => [];
    expect(await w.push()).toBe('signed-out');
    expect(w.events).toEqual(['unsubscribe']);
  });
});
