import { afterAll, beforeAll } from 'vitest';
import { startDynalite } from './dynalite.ts';
import { describeReceipts } from './receipts-behaviours.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

describeReceipts('DynamoDB (dynalite)', () => db.freshStore());
