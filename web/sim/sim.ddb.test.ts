import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDynalite } from '../../sync-api/test/dynalite.ts';
import { silenceExpectedCrashLogs } from './quiet.ts';
import { runSchedule } from './run-schedule.ts';
import { scheduleArb } from './schedule.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  silenceExpectedCrashLogs();
  db = await startDynalite();
});
afterAll(() => db.stop());

describe('multi-device sync under faults on DynamoDB (dynalite)', () => {
  it('loses and duplicates nothing across 40 schedules on the real DynamoDB store', async () => {
    await fc.assert(
      fc.asyncProperty(scheduleArb({ maxLagMs: 0 }, 25), async (schedule) => {
        const store = await db.freshStore();
        const withScan = Object.assign(store, {
          async allMessages() {
            const out = await db.client.send(
              new ScanCommand({ TableName: store.tableNames.messages }),
            );
            return out.Items ?? [];
          },
        });
        const report = await runSchedule(schedule, withScan);
        expect(report.problems).toEqual([]);
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
