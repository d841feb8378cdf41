import { describeReceipts } from '../../test/receipts-behaviours.ts';
import { MemorySyncStore } from '../store/memory-store.ts';

describeReceipts('the in-memory store', async () => new MemorySyncStore());
