import { compositeNamespace, type Message, type MessageEvent } from '@chatscape/sync-api/protocol';
import { expect, it } from 'vitest';
import { addContact, type ChatDb } from '../db/index.ts';
import { applyResponse } from '../sync/index.ts';
import { freshDb } from '../test/db.ts';
import { handlePush, type PushWorkerDeps } from './handle-push.ts';
import type { NotificationContent } from './notification-content.ts';

const alice = 'alice@example.com';
const bob = 'bob@example.com';
const t0 = 1_700_000_000_000;

const message = (id: string, body: string, at: number): Message => ({
  id,
  sender: bob,
  recipient: alice,
  body,
  sentAt: at,
  serverTime: at,
});
const deleted = (target: string, at: number): MessageEvent => ({
  id: crypto.randomUUID(),
  kind: 'delete',
  target,
  sender: bob,
  serverTime: at,
});

it('a delete for everyone replaces the notification without the text, quietly, or closes it', async () => {
  const db = freshDb(alice);
  await addContact(db, { name: 'Bob', email: bob });
  await applyResponse(
    db,
    [],
    { results: [], changes: { contacts: [], messages: [] }, cursor: 'c0', more: false },
    t0,
  );
  const answers: Array<{ messages: Message[]; events: MessageEvent[] }> = [];
  let shown: Array<NotificationContent & { closed?: boolean }> = [];
  const deps: PushWorkerDeps = {
    accounts: async () => [{ self: alice, apiURL: 'http://x', updatedAt: 0 }],
    sync: async () => {
      const next = answers.shift() ?? { messages: [], events: [] };
      await applyResponse(
        db,
        [],
        { results: [], changes: { contacts: [], ...next }, cursor: 'c', more: false },
        t0,
      );
    },
    openDb: async () => {
      const own = new (db.constructor as new (name: string, self: string) => ChatDb)(
        db.name,
        alice,
      );
      await own.open();
      return own;
    },
    windows: async () => [],
    show: async (c) => {
      // Same tag: the browser replaces the notification.
      shown = [...shown.filter((s) => s.options.tag !== c.options.tag), c];
    },
    displayed: async (tag) =>
      shown
        .filter((s) => !s.closed && (!tag || s.options.tag === tag))
        .map((s) => ({
          tag: s.options.tag ?? '',
          ...(s.options.timestamp !== undefined && { timestamp: s.options.timestamp }),
          close: () => {
            s.closed = true;
          },
        })),
    setBadge: async () => {},
    unsubscribe: async () => {},
  };
  const push = () =>
    handlePush(deps, { v: 1, type: 'poke', conversation: compositeNamespace(alice, bob) });

  answers.push({
    messages: [message('m1', 'first', t0 + 1), message('m2', 'my secret', t0 + 2)],
    events: [],
  });
  expect(await push()).toBe('shown');
  expect(shown[0]?.options).toMatchObject({ body: '2 new messages\nmy secret', renotify: true });

  answers.push({ messages: [], events: [deleted('m2', t0 + 3)] });
  expect(await push()).toBe('shown');
  expect(shown).toHaveLength(1);
  expect(shown[0]?.options).toMatchObject({ body: 'first', renotify: false, silent: true });
  expect(JSON.stringify(shown)).not.toContain('secret');

  answers.push({ messages: [], events: [deleted('m1', t0 + 4)] });
  await push();
  expect(shown.filter((s) => s.options.tag === bob && !s.closed)).toEqual([]);
});
