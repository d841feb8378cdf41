import { afterAll, beforeAll } from 'vitest';
import { describeChats } from './chats-behaviours.ts';
import { startDynalite } from './dynalite.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

describeChats('DynamoDB (dynalite)', () => db.freshStore());
