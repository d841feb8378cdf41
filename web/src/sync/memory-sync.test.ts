import { createSyncCore } from '@chatscape/sync-api/core';
import { MemorySyncStore } from '@chatscape/sync-api/memory-store';
import { describe, expect, it } from 'vitest';
import { addContact, type ChatDb, listConversation, sendMessage } from '../db/index.ts';
import { createMemoryLock } from '../lib/locks.ts';
import { freshDb } from '../test/db.ts';
import { seededRandom } from '../test/random.ts';
import { type Fault, MemorySyncTransport } from './memory-sync-transport.ts';
import { syncOnce } from './sync-once.ts';

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';

interface Device {
  db: ChatDb;
  peer: string;
  sync: () => ReturnType<typeof syncOnce>;
}

function world(seed: number) {
  const random = seededRandom(seed);
  let faulty = true;
  const faults: Fault[] = ['drop', 'lose-response', 500, 401];
  const core = createSyncCore({ store: new MemorySyncStore() });
  const transport = new MemorySyncTransport({
    core,
    // A 1 in 3 chance that something goes wrong with a request, while faults are on.
    fault: () => (faulty && random() < 0.33 ? (faults[Math.floor(random() * 4)] ?? null) : null),
  });
  const lock = createMemoryLock();
  const device = (self: string, peer: string): Device => {
    const db = freshDb(self);
    return { db, peer, sync: () => syncOnce({ db, transport, getToken: async () => self, lock }) };
  };
  return { random, device, heal: () => (faulty = false) };
}

async function settle(devices: Device[]) {
  for (let round = 0; round < 3; round++) {
    for (const d of devices) expect((await d.sync()).kind).toBe('ok');
  }
}

describe('sync against the sync-api core, in one process, with faults', () => {
  it.each([1, 2, 3])(
    'two users on three devices lose and duplicate nothing (seed %i)',
    async (seed) => {
      const w = world(seed);
      const alice = w.device(ALICE, BOB);
      const bob = w.device(BOB, ALICE);
      const bobPhone = w.device(BOB, ALICE);
      const devices = [alice, bob, bobPhone];
      await addContact(alice.db, { name: 'Bob', email: BOB });
      const written: string[] = [];
      const writtenBy = new Map<Device, string[]>(devices.map((d) => [d, []]));
      for (let i = 0; i < 60; i++) {
        const d = devices[Math.floor(w.random() * devices.length)] as Device;
        if (w.random() < 0.6) {
          const body = `message ${i} from ${d.db.self}`;
          const sent = await sendMessage(d.db, d.peer, body);
          if (!sent.ok) throw new Error('send refused');
          written.push(body);
          writtenBy.get(d)?.push(sent.value.id);
        } else {
          await d.sync();
        }
      }
      w.heal();
      await settle(devices);

      const views = await Promise.all(devices.map((d) => listConversation(d.db, d.peer)));
      for (const [index, view] of views.entries()) {
        const bodies = view.map((m) => m.body);
        expect(new Set(bodies).size, `duplicates on device ${index}`).toBe(bodies.length);
        expect([...bodies].sort(), `lost on device ${index}`).toEqual([...written].sort());
        expect(view.every((m) => m.state === 'sent' && m.serverTime !== null)).toBe(true);
        expect(await devices[index]?.db.outbox.count()).toBe(0);
      }
      // Everyone sees one order: the server's (serverTime, then id).
      const order = (i: number) => views[i]?.map((m) => m.id);
      expect(order(1)).toEqual(order(0));
      expect(order(2)).toEqual(order(0));
      // Each device's messages keep the order they were written in.
      for (const d of devices) {
        const ids = new Set(writtenBy.get(d));
        const seen = order(0)?.filter((id) => ids.has(id));
        expect(seen).toEqual(writtenBy.get(d));
      }
    },
  );

  it('a message request arrives, is accepted, and the reply goes back', async () => {
    const w = world(9);
    w.heal();
    const carol = w.device('carol@example.com', ALICE);
    const alice = w.device(ALICE, 'carol@example.com');
    await sendMessage(carol.db, ALICE, 'hello, stranger');
    await settle([carol, alice]);
    expect(await alice.db.contacts.get('carol@example.com')).toMatchObject({ request: true });
    await addContact(alice.db, { name: 'Carol', email: 'carol@example.com' });
    await sendMessage(alice.db, 'carol@example.com', 'hi Carol');
    await settle([alice, carol]);
    expect(await alice.db.contacts.get('carol@example.com')).toMatchObject({
      request: false,
      name: 'Carol',
    });
    expect((await listConversation(carol.db, ALICE)).map((m) => m.body)).toEqual([
      'hello, stranger',
      'hi Carol',
    ]);
  });
});
