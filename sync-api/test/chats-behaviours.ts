import { describe, expect, it } from 'vitest';
import type { MutationInput } from '../src/protocol/index.ts';
import { add, alice, bob, carol, harness, manualClock, send, v7 } from './harness.ts';
import type { StoreFactory } from './sync-behaviours.ts';

const mute = (email: string, muted: boolean, id = v7()): MutationInput => ({
  id,
  type: 'chat.mute',
  email,
  muted,
});
const clear = (email: string, before: number): MutationInput => ({
  id: v7(),
  type: 'chat.clear',
  email,
  before,
});

/** chat.mute / chat.clear (core/chats.ts), against every SyncStore. */
export function describeChats(name: string, makeStore: StoreFactory) {
  describe(`chat settings on ${name}`, () => {
    async function setup() {
      const clock = manualClock();
      const h = harness(await makeStore(), { now: clock.now });
      const phone = h.device(alice);
      const laptop = h.device(alice);
      await phone.push([add(bob, 'Bob'), send(bob, 'one'), send(bob, 'two')]);
      clock.advance(10);
      await phone.drain();
      const stamps = [...phone.messages.values()].map((m) => m.serverTime).sort();
      return { clock, h, phone, laptop, stamps };
    }
    const row = async (device: { drain: () => Promise<void>; contacts: Map<string, object> }) => {
      await device.drain();
      return device.contacts.get(bob) as Record<string, unknown> | undefined;
    };

    it('mute follows the newest change on all my devices; a replay or an older one loses', async () => {
      const { phone, laptop } = await setup();
      const older = mute(bob, true);
      const newer = mute(bob, false);
      await phone.push([newer]);
      expect((await laptop.push([older])).results[0]?.status).toBe('duplicate');
      expect((await row(laptop))?.muted).toBeUndefined();
      await laptop.push([mute(bob, true)]);
      expect(await row(phone)).toMatchObject({ muted: true });
      const again = await phone.push([newer]);
      expect(again.results[0]?.status).toBe('duplicate');
    });

    it('clear is a watermark: max(), clamped, replay-safe, concurrent-safe', async () => {
      const { h, phone, laptop, stamps, clock } = await setup();
      const [first, second] = stamps as [number, number];
      const m = clear(bob, first);
      await Promise.all([h.sync(alice, [m]), h.sync(alice, [m])]);
      expect(await row(laptop)).toMatchObject({ clearedAt: first });
      expect((await phone.push([clear(bob, first - 1)])).results[0]?.status).toBe('duplicate');
      await phone.push([clear(bob, second + 10_000_000)]);
      expect(await row(laptop)).toMatchObject({
        clearedAt: clock.now() + 60_000,
        lastMessageAt: second,
      });
    });

    it('only my row: the peer keeps the chat', async () => {
      const { h, phone, stamps } = await setup();
      await phone.push([clear(bob, stamps[1] as number), mute(bob, true)]);
      const b = h.device(bob);
      await b.drain();
      expect(b.contacts.get(alice)?.clearedAt).toBeUndefined();
      expect(b.contacts.get(alice)?.muted).toBeUndefined();
      expect(b.messages.size).toBe(2);
    });

    it('refused without a conversation or with a bad value', async () => {
      const { phone } = await setup();
      const bad = await phone.push([
        mute(carol, true),
        { ...mute(bob, true), muted: 'yes' } as unknown as MutationInput,
        clear(bob, -5),
      ]);
      expect(bad.results.map((r) => r.error?.code)).toEqual([
        'not_a_contact',
        'invalid',
        'invalid',
      ]);
    });
  });
}
