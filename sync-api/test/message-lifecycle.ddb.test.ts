import { afterAll, beforeAll } from 'vitest';
import { startDynalite } from './dynalite.ts';
import { describeMessageLifecycle } from './message-lifecycle.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

describeMessageLifecycle('DynamoDB (dynalite)', () => db.freshStore());
