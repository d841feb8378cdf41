import { describe, expect, it } from 'vitest';
import type { MutationInput } from '../src/protocol/index.ts';
import { MemoryIdentityStore } from '../src/store/identity-store.ts';
import { add, alice, bob, carol, harness, manualClock, send, v7 } from './harness.ts';
import type { StoreFactory } from './sync-behaviours.ts';

const read = (email: string, readAt: number, share?: boolean): MutationInput => ({
  id: v7(),
  type: 'receipt.read',
  email,
  readAt,
  ...(share !== undefined && { share }),
});
const delivered = (email: string, deliveredAt: number): MutationInput => ({
  id: v7(),
  type: 'receipt.delivered',
  email,
  deliveredAt,
});
const block = (email: string): MutationInput => ({ id: v7(), type: 'contact.block', email });
const settings = (readReceipts: boolean): MutationInput => ({
  id: v7(),
  type: 'settings.set',
  readReceipts,
});

/** receipt.read / receipt.delivered (core/receipts.ts), against every SyncStore. */
export function describeReceipts(name: string, makeStore: StoreFactory) {
  describe(`receipts on ${name}`, () => {
    /** Alice and Bob, contacts of each other, with one message from Alice. */
    async function conversation() {
      const clock = manualClock();
      const h = harness(await makeStore(), { now: clock.now });
      const a = h.device(alice);
      const b = h.device(bob);
      await a.push([add(bob, 'Bob'), send(bob, 'hello')]);
      clock.advance(10);
      await b.push([add(alice, 'Alice')]);
      clock.advance(10);
      await b.drain();
      const at = [...b.messages.values()][0]?.serverTime as number;
      return { clock, h, a, b, at };
    }
    const row = async (
      device: { drain: () => Promise<void>; contacts: Map<string, object> },
      email: string,
    ) => {
      await device.drain();
      return device.contacts.get(email) as Record<string, unknown> | undefined;
    };

    it('a read receipt reaches my other devices and the peer, and a replay is a duplicate', async () => {
      const { h, a, b, at } = await conversation();
      const m = read(alice, at);
      expect((await b.push([m])).results[0]?.status).toBe('applied');
      const laptop = h.device(bob);
      expect(await row(laptop, alice)).toMatchObject({ readAt: at });
      expect(await row(a, bob)).toMatchObject({ peerReadAt: at, peerDeliveredAt: at });
      expect((await b.push([m])).results[0]?.status).toBe('duplicate');
      // Receipts never move the conversation: lastMessageAt stays the message's stamp.
      expect((await row(a, bob))?.lastMessageAt).toBe(at);
    });

    it('two concurrent deliveries of one batch end as one', async () => {
      const { h, a, b, at } = await conversation();
      const batch = [delivered(alice, at), read(alice, at)];
      const [one, two] = await Promise.all([h.sync(bob, batch), h.sync(bob, batch)]);
      const statuses = [...(one?.results ?? []), ...(two?.results ?? [])].map((r) => r.status);
      expect(statuses.every((s) => s === 'applied' || s === 'duplicate')).toBe(true);
      expect(await row(a, bob)).toMatchObject({ peerReadAt: at, peerDeliveredAt: at });
      expect(await row(b, alice)).toMatchObject({ readAt: at });
    });

    it('a watermark never moves backwards, and never far past the server’s clock', async () => {
      const { a, b, at, clock } = await conversation();
      await a.push([send(bob, 'second')]);
      clock.advance(10);
      await b.drain();
      const second = Math.max(...[...b.messages.values()].map((m) => m.serverTime));
      await b.push([read(alice, second)]);
      expect((await b.push([read(alice, at)])).results[0]?.status).toBe('duplicate');
      expect(await row(b, alice)).toMatchObject({ readAt: second });
      // A claim far past the conversation and the server's clock is held to a minute ahead.
      await b.push([read(alice, second + 10_000_000)]);
      expect(await row(b, alice)).toMatchObject({ readAt: clock.now() + 60_000 });
      expect(await row(a, bob)).toMatchObject({ peerReadAt: clock.now() + 60_000 });
    });

    it('"Send read receipts" off: my devices still learn it, the peer only that it arrived', async () => {
      const { a, b, at } = await conversation();
      await b.push([read(alice, at, false)]);
      expect(await row(b, alice)).toMatchObject({ readAt: at });
      const seen = await row(a, bob);
      expect(seen).toMatchObject({ peerDeliveredAt: at });
      expect(seen?.peerReadAt).toBeUndefined();
    });

    it('"Send read receipts" off for the account: sends none and receives none, from any device', async () => {
      const { h, a, b, at, clock } = await conversation();
      const stale = settings(true); // made before `off`, delivered after it
      const off = settings(false);
      expect((await b.push([off])).results[0]?.status).toBe('applied');
      // Every device of bob pulls the setting (not as a contact).
      const laptop = h.device(bob);
      const pulled = await laptop.pullOnce([]);
      expect(pulled.changes.settings).toEqual({ readReceipts: false, id: off.id });
      expect(laptop.contacts.has('#settings')).toBe(false);
      // From a device that still says share: bob's read mark reaches only bob's devices.
      await laptop.push([read(alice, at, true)]);
      expect(await row(b, alice)).toMatchObject({ readAt: at });
      const seen = await row(a, bob);
      expect(seen).toMatchObject({ peerDeliveredAt: at });
      expect(seen?.peerReadAt).toBeUndefined();
      // Nor do alice's read marks reach bob while his setting is off.
      await b.push([send(alice, 'from bob')]);
      clock.advance(10);
      await a.drain();
      const reply = Math.max(...[...a.messages.values()].map((m) => m.serverTime));
      await a.push([read(bob, reply)]);
      expect((await row(b, alice))?.peerReadAt).toBeUndefined();
      // An older change arriving late loses; turning it on again lets marks cross.
      expect((await b.push([stale])).results[0]?.status).toBe('duplicate');
      await b.push([settings(true), read(alice, at)]);
      expect(await row(a, bob)).toMatchObject({ peerReadAt: at });
    });

    it('a delivered receipt moves only the peer’s delivered mark', async () => {
      const { a, b, at } = await conversation();
      await b.push([delivered(alice, at)]);
      const seen = await row(a, bob);
      expect(seen).toMatchObject({ peerDeliveredAt: at });
      expect(seen?.peerReadAt).toBeUndefined();
      expect((await row(b, alice))?.readAt).toBeUndefined();
    });

    it('no receipts to or from a blocked peer', async () => {
      const { a, b, at } = await conversation();
      await b.push([block(alice)]);
      await b.push([read(alice, at), delivered(alice, at)]);
      expect((await row(a, bob))?.peerDeliveredAt).toBeUndefined();
      // Alice blocks Bob's receipts too: her own block stops them reaching her.
      const { a: a2, b: b2, at: at2 } = await conversation();
      await a2.push([block(bob)]);
      await b2.push([read(alice, at2)]);
      const seen = await row(a2, bob);
      expect(seen?.peerReadAt).toBeUndefined();
      expect(seen?.peerDeliveredAt).toBeUndefined();
    });

    it('a message request gets no receipts until it is accepted', async () => {
      const clock = manualClock();
      const h = harness(await makeStore(), { now: clock.now });
      const a = h.device(alice);
      const c = h.device(carol);
      await a.push([send(carol, 'hi, stranger')]);
      clock.advance(10);
      await c.drain();
      const at = [...c.messages.values()][0]?.serverTime as number;
      await c.push([delivered(alice, at), read(alice, at)]);
      expect(await row(c, alice)).toMatchObject({ request: true, readAt: at });
      const before = await row(a, carol);
      expect(before?.peerDeliveredAt).toBeUndefined();
      expect(before?.peerReadAt).toBeUndefined();
      await c.push([add(alice, 'Alice'), read(alice, at)]);
      expect(await row(a, carol)).toMatchObject({ peerReadAt: at });
    });

    it('refuses a receipt without a conversation, and bad watermarks', async () => {
      const { b } = await conversation();
      const none = await b.push([read(carol, 5)]);
      expect(none.results[0]?.error?.code).toBe('not_a_contact');
      const bad = await b.push([
        read(alice, -1),
        { ...read(alice, 5), extra: 1 } as unknown as MutationInput,
      ]);
      expect(bad.results.map((r) => r.error?.code)).toEqual(['invalid', 'invalid']);
    });

    it('a peer without an account: the row says so until they join', async () => {
      const clock = manualClock();
      const accounts = new MemoryIdentityStore();
      await accounts.bind(alice, 'sub-alice');
      const h = harness(await makeStore(), { now: clock.now, accounts });
      const a = h.device(alice);
      await a.push([send(carol, 'are you here yet?')]);
      expect(await row(a, carol)).toMatchObject({ peerJoined: false });
      clock.advance(10);
      await accounts.bind(carol, 'sub-carol');
      await h.device(carol).drain();
      clock.advance(10);
      await a.drain();
      expect((await row(a, carol))?.peerJoined).toBeUndefined();
    });

    it('a contact change after a receipt keeps the watermarks', async () => {
      const { a, b, at } = await conversation();
      await b.push([read(alice, at)]);
      await b.push([add(alice, 'Alice A.')]);
      expect(await row(b, alice)).toMatchObject({ name: 'Alice A.', readAt: at });
      await a.push([add(bob, 'Bobby')]);
      expect(await row(a, bob)).toMatchObject({ name: 'Bobby', peerReadAt: at });
    });
  });
}
