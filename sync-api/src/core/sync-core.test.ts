import { describeBatchedSlowWrites, describeSyncBatching } from '../../test/sync-batching.ts';
import { describeSyncBehaviours } from '../../test/sync-behaviours.ts';
import { MemorySyncStore } from '../store/memory-store.ts';

describeSyncBehaviours('the in-memory store', async () => new MemorySyncStore());

describeSyncBatching(
  'the in-memory store',
  async () => new MemorySyncStore(),
  (store) => (store as MemorySyncStore).stats.requests,
);
describeBatchedSlowWrites('the in-memory store', async () => new MemorySyncStore());
describeBatchedSlowWrites(
  'the in-memory store with 2.5 s index lag',
  async (now) => new MemorySyncStore({ now: now ?? Date.now, indexLagMs: () => 2500 }),
);
