import { describeSlowWrites, describeSyncRaces } from '../../test/sync-races.ts';
import { MemorySyncStore } from '../store/memory-store.ts';

describeSyncRaces('the in-memory store', async () => new MemorySyncStore());
describeSlowWrites('the in-memory store', async () => new MemorySyncStore());
describeSlowWrites(
  'the in-memory store with 2.5 s index lag',
  async (now) => new MemorySyncStore({ now: now ?? Date.now, indexLagMs: () => 2500 }),
);
