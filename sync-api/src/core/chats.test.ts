import { describeChats } from '../../test/chats-behaviours.ts';
import { MemorySyncStore } from '../store/memory-store.ts';

describeChats('the in-memory store', async () => new MemorySyncStore());
