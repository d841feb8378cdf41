import { describe, expect, it } from 'vitest';
import { processSync } from '../src/core/process-sync.ts';
import { createSyncCore } from '../src/core/sync-core.ts';
import type { Message, MessageEvent, MutationInput, SyncResponse } from '../src/protocol/index.ts';
import type { StoredMessage, SyncStore } from '../src/store/sync-store.ts';
import { alice, bob, carol, manualClock, randomUUID, send, v7 } from './harness.ts';
import { hooked } from './hooked-store.ts';

const HOUR = 3600 * 1000;

export const edit = (peer: string, target: string, body: string, id = v7()): MutationInput => ({
  id,
  type: 'message.edit',
  peer,
  target,
  body,
});
export const del = (peer: string, target: string, id = v7()): MutationInput => ({
  id,
  type: 'message.delete',
  peer,
  target,
});
export const hide = (peer: string, target: string, id = v7()): MutationInput => ({
  id,
  type: 'message.hide',
  peer,
  target,
});

const replying = (m: MutationInput, replyTo: string) => ({ ...m, replyTo }) as MutationInput;

type Store = SyncStore & { getMessage(id: string): Promise<StoredMessage | undefined> };

/** A device speaking protocol `v`, keeping what it pulled (events applied like the web client). */
function device(core: ReturnType<typeof createSyncCore>, me: string, v: 1 | 2 = 2) {
  let cursor: string | null = null;
  const clientId = randomUUID();
  const messages = new Map<string, Message>();
  const seen = new Map<string, MessageEvent>();
  const raw: SyncResponse[] = [];
  const self = {
    messages,
    get events() {
      return [...seen.values()];
    },
    raw,
    async once(mutations: MutationInput[] = []) {
      const res = await processSync(core, me, JSON.stringify({ v, clientId, cursor, mutations }));
      if (res.statusCode !== 200) throw new Error(`sync ${res.statusCode}`);
      const body = res.body as SyncResponse;
      raw.push(body);
      for (const m of body.changes.messages) messages.set(m.id, m);
      // Upserted by id, as the web client does: the overlap window re-sends recent items.
      for (const e of body.changes.events ?? []) seen.set(e.id, e);
      cursor = body.cursor;
      return body;
    },
    async push(mutations: MutationInput[]) {
      const first = await self.once(mutations);
      while ((await self.once()).more);
      return first;
    },
    drain: () => self.push([]),
    statuses: (res: SyncResponse) => res.results.map((r) => r.error?.code ?? r.status),
  };
  return self;
}

/**
 * Replies, edits and deletes (core/message-events.ts), run against every SyncStore like
 * sync-behaviours.ts: the in-memory store and DynamoDB (dynalite).
 */
export function describeMessageLifecycle(name: string, makeStore: () => Promise<Store>) {
  describe(`message lifecycle on ${name}`, () => {
    async function setup(wrap?: (s: Store) => SyncStore, options: { pageSize?: number } = {}) {
      const clock = manualClock();
      const store = await makeStore();
      const core = createSyncCore({
        store: wrap ? wrap(store) : store,
        now: clock.now,
        ...options,
      });
      const a = device(core, alice);
      const b = device(core, bob);
      const first = send(bob, 'the original');
      await a.push([first]);
      await b.drain();
      return { clock, store, core, a, b, target: first.id };
    }

    it('stores a reply and returns it; refuses an original from another conversation', async () => {
      const { core, a, b, target } = await setup();
      const reply = replying(send(alice, 'answer'), target);
      expect(b.statuses(await b.push([reply]))).toEqual(['applied']);
      await a.drain();
      expect(a.messages.get(reply.id)).toMatchObject({ replyTo: target, body: 'answer' });
      // A replay is a duplicate; the same id with another original is a conflict.
      expect(b.statuses(await b.push([reply]))).toEqual(['duplicate']);
      expect(b.statuses(await b.push([replying(reply, randomUUID())]))).toEqual(['id_conflict']);
      const c = device(core, carol);
      const elsewhere = replying(send(alice, 'not yours'), target);
      expect(c.statuses(await c.push([elsewhere]))).toEqual(['reply_not_found']);
      // An original the server does not know (yet) is accepted: clients say "not available".
      expect(c.statuses(await c.push([replying(send(alice, 'x'), randomUUID())]))).toEqual([
        'applied',
      ]);
    });

    it('an edit reaches the peer as an event and a fresh device as the final text', async () => {
      const { core, a, b, target, store } = await setup();
      const e = edit(bob, target, '  the fixed text ');
      expect(a.statuses(await a.push([e]))).toEqual(['applied']);
      await b.drain();
      expect(b.events).toEqual([
        expect.objectContaining({ id: e.id, kind: 'edit', target, body: 'the fixed text' }),
      ]);
      // The message keeps its place: its serverTime never moves.
      const before = b.messages.get(target)?.serverTime;
      expect((await store.getMessage(target))?.serverTime).toBe(before);
      const fresh = device(core, bob);
      await fresh.drain();
      expect(fresh.messages.get(target)).toMatchObject({
        body: 'the fixed text',
        editVersion: expect.stringContaining(e.id),
        serverTime: before,
      });
      expect(a.statuses(await a.push([e]))).toEqual(['duplicate']);
      expect((await store.getMessage(target))?.editIds).toEqual([e.id]);
    });

    it('a contact change after an edit still leads the peer pull to the edit', async () => {
      const { core, clock, a, b, target } = await setup();
      // Past the overlap window, so only the row's lastEventAt leads a pull to the edit.
      clock.advance(10 * 60 * 1000);
      await b.drain();
      const e = edit(bob, target, 'fixed');
      expect(a.statuses(await a.push([e]))).toEqual(['applied']);
      // Bob renames alice from another device before this one pulls: his row for her is
      // rewritten by a contact mutation, which must keep lastEventAt (as it keeps lastMessageAt).
      const other = device(core, bob);
      const rename: MutationInput = { id: v7(), type: 'contact.add', email: alice, name: 'Al' };
      expect(other.statuses(await other.push([rename]))).toEqual(['applied']);
      await b.drain();
      expect(b.events).toEqual([
        expect.objectContaining({ id: e.id, kind: 'edit', body: 'fixed' }),
      ]);
    });

    it('two concurrent deliveries of one batch apply each edit and delete once', async () => {
      const { a, b, target, store } = await setup();
      const second = send(bob, 'second');
      await a.push([second]);
      const batch = [edit(bob, target, 'one'), edit(bob, target, 'two'), del(bob, second.id)];
      const [x, y] = await Promise.all([a.once(batch), a.once(batch)]);
      const statuses = [...a.statuses(x as SyncResponse), ...a.statuses(y as SyncResponse)];
      expect(statuses.filter((s) => s === 'applied').length).toBeGreaterThanOrEqual(3);
      expect(statuses.every((s) => s === 'applied' || s === 'duplicate')).toBe(true);
      const stored = await store.getMessage(target);
      expect(stored?.editIds?.sort()).toEqual([batch[0]?.id, batch[1]?.id].sort());
      expect(stored?.body).toBe('two');
      await b.drain();
      expect(b.events.filter((e) => e.kind === 'edit').map((e) => e.body)).toEqual(['one', 'two']);
      expect(b.events.filter((e) => e.kind === 'delete').map((e) => e.target)).toEqual([second.id]);
    });

    it('replays of a delete and a hide are duplicates; a stranger can neither', async () => {
      const { core, a, b, target } = await setup();
      const d = del(bob, target);
      const h = hide(alice, target);
      expect(a.statuses(await a.push([d]))).toEqual(['applied']);
      expect(b.statuses(await b.push([h]))).toEqual(['applied']);
      const [x, y] = await Promise.all([a.once([d]), b.once([h])]);
      expect([...a.statuses(x as SyncResponse), ...b.statuses(y as SyncResponse)]).toEqual([
        'duplicate',
        'duplicate',
      ]);
      // The same id for another change is a conflict, never a second change.
      expect(a.statuses(await a.push([{ ...d, type: 'message.hide' } as MutationInput]))).toEqual([
        'id_conflict',
      ]);
      const c = device(core, carol);
      expect(c.statuses(await c.push([hide(alice, target), del(alice, target)]))).toEqual([
        'message_not_found',
        'message_not_found',
      ]);
    });

    it('events count in the page size: many edits page through, each once', async () => {
      const { a, core, target } = await setup(undefined, { pageSize: 3 });
      const edits = Array.from({ length: 7 }, (_, i) => edit(bob, target, `v${i}`));
      expect(a.statuses(await a.push(edits))).toEqual(Array(7).fill('applied'));
      const fresh = device(core, bob);
      await fresh.drain();
      expect(fresh.raw.length).toBeGreaterThan(2);
      for (const r of fresh.raw) {
        expect(r.changes.messages.length + (r.changes.events?.length ?? 0)).toBeLessThanOrEqual(3);
      }
      const pulled = fresh.raw.flatMap((r) => r.changes.events ?? []).map((e) => e.id);
      expect(new Set(pulled).size).toBe(7);
      expect(fresh.messages.get(target)?.body).toBe('v6');
    });

    it('only the sender may edit or delete for everyone; the peer may hide', async () => {
      const { a, b, target } = await setup();
      expect(b.statuses(await b.push([edit(alice, target, 'mine now')]))).toEqual(['not_sender']);
      expect(b.statuses(await b.push([del(alice, target)]))).toEqual(['not_sender']);
      // Naming another conversation finds nothing.
      expect(a.statuses(await a.push([edit(carol, target, 'x')]))).toEqual(['message_not_found']);
      expect(b.statuses(await b.push([hide(alice, target)]))).toEqual(['applied']);
      await a.drain();
      expect(a.messages.get(target)?.body).toBe('the original');
    });

    it('refuses edits after 24 hours, deletes after 48, and the 11th edit', async () => {
      const { clock, a, target } = await setup();
      const edits = Array.from({ length: 10 }, (_, i) => edit(bob, target, `v${i}`));
      expect(a.statuses(await a.push(edits))).toEqual(Array(10).fill('applied'));
      expect(a.statuses(await a.push([edit(bob, target, 'v10')]))).toEqual(['edit_limit_reached']);
      const other = send(bob, 'later');
      await a.push([other]);
      clock.advance(24 * HOUR + 1000);
      expect(a.statuses(await a.push([edit(bob, other.id, 'late')]))).toEqual([
        'edit_window_passed',
      ]);
      clock.advance(24 * HOUR);
      expect(a.statuses(await a.push([del(bob, other.id)]))).toEqual(['delete_window_passed']);
      // Delete for me has no window.
      expect(a.statuses(await a.push([hide(bob, other.id)]))).toEqual(['applied']);
    });

    it('a delete erases the text everywhere and an edit after it never resurrects it', async () => {
      const { core, a, b, target, store } = await setup();
      const e = edit(bob, target, 'edited secret');
      await a.push([e]);
      const d = del(bob, target);
      expect(a.statuses(await a.push([d]))).toEqual(['applied']);
      expect(a.statuses(await a.push([edit(bob, target, 'back again')]))).toEqual([
        'message_deleted',
      ]);
      expect(await store.getMessage(target)).toMatchObject({ body: '', deleted: true });
      expect(await store.getMessage(e.id)).toMatchObject({ body: '', deleted: true });
      await b.drain();
      expect(b.events.map((x) => x.kind)).toEqual(['delete', 'delete']);
      expect(JSON.stringify(b.raw)).not.toMatch(/secret|back again/);
      const fresh = device(core, bob);
      await fresh.drain();
      expect(fresh.messages.get(target)).toMatchObject({ body: '', deleted: true });
      expect(JSON.stringify(fresh.raw)).not.toMatch(/original|secret|back again/);
    });

    it('an edit racing a delete ends deleted, with no text left', async () => {
      const { core, a, store, target } = await setup();
      const laptop = device(core, alice);
      const e = edit(bob, target, 'racing text');
      const d = del(bob, target);
      await Promise.all([a.once([e]), laptop.once([d])]);
      await a.push([e]);
      await laptop.push([d]);
      expect(await store.getMessage(target)).toMatchObject({ body: '', deleted: true });
      expect((await store.getMessage(e.id))?.body).toBe('');
    });

    it('an edit of a message the server does not have is refused, never a new message', async () => {
      const { a, b } = await setup();
      const ghost = randomUUID();
      expect(a.statuses(await a.push([edit(bob, ghost, 'boo')]))).toEqual(['message_not_found']);
      await b.drain();
      expect(b.messages.has(ghost)).toBe(false);
      expect(b.events).toEqual([]);
    });

    it('edits resolve by their version, whatever order they arrive in', async () => {
      const { a, store, target } = await setup();
      const older = edit(bob, target, 'older');
      const newer = edit(bob, target, 'newer');
      await a.push([newer]);
      await a.push([older]);
      expect((await store.getMessage(target))?.body).toBe('newer');
    });

    it('delete for me reaches my other devices and never the peer', async () => {
      const { core, a, b, target } = await setup();
      const other = device(core, bob);
      await other.drain();
      const h = hide(alice, target);
      expect(b.statuses(await b.push([h]))).toEqual(['applied']);
      await other.drain();
      expect(other.events).toEqual([expect.objectContaining({ kind: 'hide', target })]);
      await a.drain();
      expect(a.events).toEqual([]);
    });

    it('a v1 client never sees events nor deleted messages', async () => {
      const { core, a, target } = await setup();
      const old = device(core, bob, 1);
      await old.drain();
      await a.push([edit(bob, target, 'edited'), del(bob, target)]);
      const later = send(bob, 'still here');
      await a.push([later]);
      await old.drain();
      for (const r of old.raw) expect(Object.keys(r.changes)).toEqual(['contacts', 'messages']);
      const fresh = device(core, bob, 1);
      await fresh.drain();
      expect([...fresh.messages.values()].map((m) => m.body)).toEqual(['still here']);
    });

    it('accepts protocol 1 and 2 in the envelope, and nothing else', async () => {
      const { core } = await setup();
      const body = (v: number) =>
        JSON.stringify({ v, clientId: v7(), cursor: null, mutations: [] });
      expect((await processSync(core, alice, body(1))).statusCode).toBe(200);
      expect((await processSync(core, alice, body(2))).statusCode).toBe(200);
      const three = await processSync(core, alice, body(3));
      expect(three.statusCode).toBe(400);
      expect(JSON.stringify(three.body)).toMatch(/"path":"v"/);
    });

    it('events of a blocked peer follow the block log', async () => {
      const { a, b, target } = await setup();
      await b.push([{ id: v7(), type: 'contact.block', email: alice }]);
      await a.push([edit(bob, target, 'while blocked')]);
      await b.drain();
      expect(b.events).toEqual([]);
    });

    it('an edit that died after its event was put is finished by the retry', async () => {
      let die = true;
      const { a, b, store, target } = await setup((s) =>
        hooked(
          s,
          (method) => method === 'reviseMessage' && die,
          async () => {
            die = false;
            throw new Error('lambda died');
          },
        ),
      );
      const e = edit(bob, target, 'after the crash');
      await expect(a.once([e])).rejects.toThrow();
      await b.drain();
      expect(b.events).toEqual([]);
      expect(a.statuses(await a.push([e]))).toEqual(['duplicate']);
      expect((await store.getMessage(target))?.body).toBe('after the crash');
      await b.drain();
      expect(b.events.map((x) => x.body)).toEqual(['after the crash']);
    });

    it('a device offline for months still learns of a delete; its replay then is a duplicate', async () => {
      const { clock, core, a, b, store, target } = await setup();
      // Bob's tablet has the message, then stays off while life goes on.
      const tablet = device(core, bob);
      await tablet.drain();
      expect(tablet.messages.get(target)?.body).toBe('the original');
      // Past the overlap window: what the tablet pulls next comes from the delete alone.
      clock.advance(HOUR);
      const d = del(bob, target);
      expect(a.statuses(await a.push([d]))).toEqual(['applied']);
      for (let day = 0; day < 120; day++) {
        clock.advance(24 * HOUR);
        if (day % 10 === 0) await b.push([send(alice, `day ${day}`)]);
      }
      const before = tablet.raw.length;
      await tablet.drain();
      expect(tablet.events).toEqual([expect.objectContaining({ kind: 'delete', target })]);
      expect(tablet.messages.get(target)).toMatchObject({ body: '', deleted: true });
      expect(JSON.stringify(tablet.raw.slice(before))).not.toMatch(/the original/);
      expect([...tablet.messages.values()].filter((m) => m.body.startsWith('day '))).toHaveLength(
        12,
      );
      // Alice's laptop, offline as long, replays the same delete: nothing changes.
      expect(a.statuses(await a.push([d]))).toEqual(['duplicate']);
      expect(await store.getMessage(target)).toMatchObject({ body: '', deleted: true });
      const again = device(core, bob);
      await again.drain();
      expect(again.messages.get(target)).toMatchObject({ body: '', deleted: true });
    });
  });
}
