import { expect, it } from 'vitest';
import type { SyncRequest } from '../protocol/index.ts';
import { pushJob } from '../push/dispatch.ts';
import { pokeTargets } from '../realtime/sync-pokes.ts';

const me = 'alice@example.com';
const bob = 'bob@example.com';
const carol = 'carol@example.com';
const id = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`;

const request = (mutations: SyncRequest['mutations']): SyncRequest => ({
  v: 2,
  clientId: id(99),
  cursor: null,
  mutations,
});

it('an applied edit or delete pokes the peer; a hide only my own devices', () => {
  const req = request([
    { id: id(1), type: 'message.edit', peer: bob },
    { id: id(2), type: 'message.hide', peer: carol },
  ]);
  const results = [
    { id: id(1), status: 'applied' as const },
    { id: id(2), status: 'applied' as const },
  ];
  expect(pokeTargets(req, results)).toEqual({ clientId: id(99), recipients: [bob] });
});

it('a delete for everyone hands its recipient to the notifier (to replace a shown notification); an edit does not', () => {
  const req = request([
    { id: id(1), type: 'message.delete', peer: bob },
    { id: id(2), type: 'message.edit', peer: carol },
  ]);
  const results = [
    { id: id(1), status: 'applied' as const },
    { id: id(2), status: 'applied' as const },
  ];
  expect(pushJob(me, req, results)).toEqual({ v: 1, sender: me, recipients: [bob] });
  expect(pushJob(me, req, [{ id: id(1), status: 'rejected' as const }])).toBeNull();
});
