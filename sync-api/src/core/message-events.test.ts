import { describeMessageLifecycle } from '../../test/message-lifecycle.ts';
import { MemorySyncStore } from '../store/memory-store.ts';

describeMessageLifecycle('the in-memory store', async () => new MemorySyncStore());
