import { describeSyncBehaviours } from '../../test/sync-behaviours.ts';
import { MemorySyncStore } from '../store/memory-store.ts';

describeSyncBehaviours('the in-memory store', async () => new MemorySyncStore());
