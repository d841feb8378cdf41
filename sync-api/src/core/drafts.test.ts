import { describeDrafts } from '../../test/drafts-behaviours.ts';
import { MemorySyncStore } from '../store/memory-store.ts';

describeDrafts('the in-memory store', async () => new MemorySyncStore());
