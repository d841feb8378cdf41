import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { add, alice, bob, carol, harness, send, v7 } from '../../test/harness.ts';
import type { MutationInput, SyncResponse } from '../protocol/index.ts';
import { MemorySyncStore } from '../store/memory-store.ts';
import { MemoryConnectionStore } from './connection-store.ts';
import { createFanOut } from './fan-out.ts';
import type { ConnectionPoster } from './poster.ts';
import { pokeAfterSync } from './sync-pokes.ts';

const block = (email: string): MutationInput => ({
  // Contact mutations are ordered by their UUIDv7 time (last writer wins), as the client makes them.
  id: v7(),
  type: 'contact.block',
  email,
});

/** A poster that records what each connection received; ids in `gone` answer 410. */
function recordingPoster(gone = new Set<string>()) {
  const received = new Map<string, string[]>();
  const poster: ConnectionPoster = {
    async post(connectionId, data) {
      if (gone.has(connectionId)) return 'gone';
      received.set(connectionId, [...(received.get(connectionId) ?? []), data]);
      return 'sent';
    },
  };
  return { poster, received, gone };
}

const t0 = 1_700_000_000_000;

async function world() {
  const store = new MemorySyncStore();
  const h = harness(store, { now: () => t0 });
  const connections = new MemoryConnectionStore();
  const open = (owner: string, connectionId: string, clientId = randomUUID()) =>
    connections.put({
      owner,
      connectionId,
      clientId,
      connectedAt: t0,
      expiresAt: t0 / 1000 + 10_800,
    });
  const rec = recordingPoster();
  const fanOut = createFanOut({
    connections,
    poster: rec.poster,
    contacts: store,
    now: () => t0,
    warn: () => {},
  });
  return { store, h, connections, open, rec, fanOut };
}

describe('pokes after a sync', () => {
  it('reach every device of the recipient and the sender’s other devices, without text', async () => {
    const w = await world();
    const phone = randomUUID();
    await w.open(alice, 'alice-phone', phone);
    await w.open(alice, 'alice-laptop');
    await w.open(bob, 'bob-phone');
    await w.open(bob, 'bob-tablet');
    await w.open(carol, 'carol-phone');
    const body = {
      v: 1 as const,
      clientId: phone,
      cursor: null,
      mutations: [send(bob, 'secret words')],
    };
    const res = await w.h.call(alice, body);
    expect(res.statusCode).toBe(200);
    await pokeAfterSync(w.fanOut, alice, body, (res.body as SyncResponse).results, 1000);
    expect([...w.rec.received.keys()].sort()).toEqual(['alice-laptop', 'bob-phone', 'bob-tablet']);
    for (const messages of w.rec.received.values()) expect(messages).toEqual(['{"type":"poke"}']);
  });

  it('after a batch of runs to several peers, poke each recipient’s devices once', async () => {
    const w = await world();
    const phone = randomUUID();
    await w.open(alice, 'alice-phone', phone);
    await w.open(alice, 'alice-laptop');
    await w.open(bob, 'bob-phone');
    await w.open(bob, 'bob-tablet');
    await w.open(carol, 'carol-phone');
    await w.open('dave@example.com', 'dave-phone');
    const body = {
      v: 1 as const,
      clientId: phone,
      cursor: null,
      // Runs to Bob and Carol, Bob's split by a block of Dave (who is sent nothing).
      mutations: [
        send(bob, 'one'),
        send(carol, 'two'),
        send(bob, 'three'),
        block('dave@example.com'),
        send(bob, 'four'),
      ],
    };
    const res = await w.h.call(alice, body);
    expect(res.statusCode).toBe(200);
    await pokeAfterSync(w.fanOut, alice, body, (res.body as SyncResponse).results, 1000);
    expect([...w.rec.received.keys()].sort()).toEqual([
      'alice-laptop',
      'bob-phone',
      'bob-tablet',
      'carol-phone',
    ]);
    for (const messages of w.rec.received.values()) expect(messages).toEqual(['{"type":"poke"}']);
  });

  it('never poke a recipient who blocked the sender (the sender’s devices still are)', async () => {
    const w = await world();
    await w.h.sync(bob, [block(alice)]);
    await w.open(alice, 'alice-laptop');
    await w.open(bob, 'bob-phone');
    const count = await w.fanOut.pokeAfterSync(alice, 'phone', [bob]);
    expect(count).toEqual({ sent: 1, gone: 0, failed: 0 });
    expect([...w.rec.received.keys()]).toEqual(['alice-laptop']);
  });

  it('poke nobody when every mutation was rejected', async () => {
    const w = await world();
    await w.open(bob, 'bob-phone');
    await w.open(alice, 'alice-laptop');
    const body = {
      v: 1 as const,
      clientId: randomUUID(),
      cursor: null,
      mutations: [send(alice, 'self')],
    };
    const res = await w.h.call(alice, body);
    expect(res.statusCode).toBe(200);
    await pokeAfterSync(w.fanOut, alice, body, (res.body as SyncResponse).results, 1000);
    expect(w.rec.received.size).toBe(0);
  });

  it('delete a connection that answers 410 Gone and skip expired rows', async () => {
    const w = await world();
    await w.open(bob, 'bob-gone');
    await w.open(bob, 'bob-live');
    await w.connections.put({
      owner: bob,
      connectionId: 'bob-old',
      clientId: '',
      connectedAt: 0,
      expiresAt: t0 / 1000 - 1,
    });
    w.rec.gone.add('bob-gone');
    const count = await w.fanOut.pokeAfterSync(alice, '', [bob]);
    expect(count).toEqual({ sent: 1, gone: 1, failed: 0 });
    expect(
      w.connections
        .all()
        .map((c) => c.connectionId)
        .sort(),
    ).toEqual(['bob-live', 'bob-old']);
    expect([...w.rec.received.keys()]).toEqual(['bob-live']);
  });

  it('never fail or throw when the poster fails', async () => {
    const store = new MemorySyncStore();
    const connections = new MemoryConnectionStore();
    await connections.put({
      owner: bob,
      connectionId: 'b',
      clientId: '',
      connectedAt: t0,
      expiresAt: t0 / 1000 + 60,
    });
    const fanOut = createFanOut({
      connections,
      poster: { post: () => Promise.reject(new Error('throttled')) },
      contacts: store,
      now: () => t0,
      warn: () => {},
    });
    expect(await fanOut.pokeAfterSync(alice, '', [bob])).toEqual({ sent: 0, gone: 0, failed: 1 });
  });
});

describe('typing', () => {
  async function friends() {
    const w = await world();
    await w.h.sync(alice, [add(bob, 'Bob')]);
    await w.h.sync(bob, [add(alice, 'Alice')]);
    await w.open(bob, 'bob-phone');
    await w.open(alice, 'alice-phone');
    return w;
  }

  it('reaches the peer’s devices between accepted contacts, and is stored nowhere', async () => {
    const w = await friends();
    const before = w.store.snapshot();
    expect(await w.fanOut.typing(alice, bob)).toBe(true);
    expect(w.rec.received.get('bob-phone')).toEqual([
      JSON.stringify({ type: 'typing', from: alice }),
    ]);
    expect(w.store.snapshot()).toEqual(before);
  });

  it('never goes to or from a blocked peer', async () => {
    const w = await friends();
    await w.h.sync(bob, [block(alice)]);
    expect(await w.fanOut.typing(alice, bob)).toBe(false);
    expect(await w.fanOut.typing(bob, alice)).toBe(false);
    expect(w.rec.received.size).toBe(0);
  });

  it('is not sent for a message request', async () => {
    const w = await world();
    await w.h.sync(alice, [send(carol, 'hello stranger')]);
    await w.open(carol, 'carol-phone');
    await w.open(alice, 'alice-phone');
    expect(await w.fanOut.typing(alice, carol)).toBe(false);
    expect(await w.fanOut.typing(carol, alice)).toBe(false);
    expect(w.rec.received.size).toBe(0);
  });
});
