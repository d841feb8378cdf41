import { afterAll, beforeAll } from 'vitest';
import { describeDrafts } from './drafts-behaviours.ts';
import { startDynalite } from './dynalite.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

describeDrafts('DynamoDB (dynalite)', () => db.freshStore());
