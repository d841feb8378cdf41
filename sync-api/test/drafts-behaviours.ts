import { describe, expect, it } from 'vitest';
import type { MutationInput } from '../src/protocol/index.ts';
import { add, alice, bob, carol, harness, manualClock, v7 } from './harness.ts';
import type { StoreFactory } from './sync-behaviours.ts';

const draft = (email: string, text: string, id = v7()): MutationInput => ({
  id,
  type: 'draft.set',
  email,
  text,
});

/** draft.set (core/drafts.ts), against every SyncStore. */
export function describeDrafts(name: string, makeStore: StoreFactory) {
  describe(`drafts on ${name}`, () => {
    async function setup() {
      const clock = manualClock();
      const h = harness(await makeStore(), { now: clock.now });
      const phone = h.device(alice);
      const laptop = h.device(alice);
      await phone.push([add(bob, 'Bob')]);
      return { clock, h, phone, laptop };
    }
    const row = async (device: { drain: () => Promise<void>; contacts: Map<string, object> }) => {
      await device.drain();
      return device.contacts.get(bob) as Record<string, unknown> | undefined;
    };

    it('a draft typed on one device reaches the others; a replay is a duplicate', async () => {
      const { phone, laptop } = await setup();
      const m = draft(bob, 'half a thought ');
      expect((await phone.push([m])).results[0]?.status).toBe('applied');
      expect(await row(laptop)).toMatchObject({ draft: 'half a thought ', draftId: m.id });
      expect((await phone.push([m])).results[0]?.status).toBe('duplicate');
    });

    it('the newest edit wins, whatever order the edits arrive in', async () => {
      const { phone, laptop } = await setup();
      const older = draft(bob, 'typed on the laptop first');
      const newer = draft(bob, 'typed on the phone later');
      await phone.push([newer]);
      expect((await laptop.push([older])).results[0]?.status).toBe('duplicate');
      expect(await row(laptop)).toMatchObject({ draft: 'typed on the phone later' });
    });

    it('two concurrent deliveries of one batch end in one state', async () => {
      const { h, laptop } = await setup();
      const batch = [draft(bob, 'one'), draft(bob, 'two')];
      await Promise.all([h.sync(alice, batch), h.sync(alice, batch)]);
      expect(await row(laptop)).toMatchObject({ draft: 'two' });
    });

    it('clearing (sending) is an edit like any other; a stale draft after it loses', async () => {
      const { phone, laptop } = await setup();
      const typed = draft(bob, 'hello');
      const cleared = draft(bob, '');
      await phone.push([typed, cleared]);
      await laptop.push([typed]);
      expect(await row(laptop)).toMatchObject({ draft: '', draftId: cleared.id });
    });

    it('only on my own row; refused without a conversation or with a bad id or text', async () => {
      const { h, phone } = await setup();
      await phone.push([draft(bob, 'private')]);
      const b = h.device(bob);
      await b.drain();
      expect(b.contacts.get(alice)?.draft).toBeUndefined();
      const bad = await phone.push([
        draft(carol, 'nobody'),
        draft(bob, 'x', '00000000-0000-4000-8000-000000000000'),
        draft(bob, 'bell \u0007'),
        draft(bob, 'x'.repeat(4001)),
      ]);
      expect(bad.results.map((r) => r.error?.code)).toEqual([
        'not_a_contact',
        'invalid',
        'invalid',
        'invalid',
      ]);
    });

    it('a contact change keeps the draft', async () => {
      const { phone, laptop } = await setup();
      await phone.push([draft(bob, 'keep me'), add(bob, 'Bobby')]);
      expect(await row(laptop)).toMatchObject({ name: 'Bobby', draft: 'keep me' });
    });
  });
}
