import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runSchedule } from './run-schedule.ts';
import { scheduleArb } from './schedule.ts';

const SCHEDULES = Number(process.env.SIM_SCHEDULES ?? 1000);
const SEED = process.env.SIM_SEED === undefined ? undefined : Number(process.env.SIM_SEED);

// The crash fault makes the core log "sync failed" on purpose, thousands of times.
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

describe('multi-device sync under faults', () => {
  it(`loses and duplicates nothing across ${SCHEDULES} random schedules`, async () => {
    const totals = { schedules: 0, operations: 0, faults: 0, messages: 0, lostToEviction: 0 };
    await fc.assert(
      fc.asyncProperty(scheduleArb(), async (schedule) => {
        const report = await runSchedule(schedule);
        totals.schedules++;
        totals.operations += report.operations;
        totals.faults += report.faults;
        totals.messages += report.messages;
        totals.lostToEviction += report.lostToEviction;
        expect(report.problems).toEqual([]);
      }),
      { numRuns: SCHEDULES, ...(SEED !== undefined && { seed: SEED }), verbose: 1 },
    );
    console.log(`simulator: ${JSON.stringify({ ...totals, lost: 0, duplicated: 0 })}`);
  }, 600_000);
});
