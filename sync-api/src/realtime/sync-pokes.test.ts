import { describe, expect, it } from 'vitest';
import type { SyncRequest } from '../protocol/index.ts';
import { pokeTargets } from './sync-pokes.ts';

const request = (mutations: SyncRequest['mutations']): SyncRequest => ({
  v: 1,
  clientId: '00000000-0000-4000-8000-000000000000',
  cursor: null,
  mutations,
});

describe('pokeTargets', () => {
  it('pokes the peer of a receipt that was applied, not of one that changed nothing', () => {
    const req = request([
      { id: 'r1', type: 'receipt.read', email: 'bob@example.com', readAt: 5 } as never,
      { id: 'r2', type: 'receipt.delivered', email: 'carol@example.com', deliveredAt: 5 } as never,
    ]);
    const targets = pokeTargets(req, [
      { id: 'r1', status: 'applied' },
      { id: 'r2', status: 'duplicate' },
    ]);
    expect(targets?.recipients).toEqual(['bob@example.com']);
  });
});
