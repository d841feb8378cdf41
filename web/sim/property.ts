import fc from 'fast-check';
import { expect } from 'vitest';
import { runSchedule } from './run-schedule.ts';
import { scheduleArb } from './schedule.ts';

export const SCHEDULES = Number(process.env.SIM_SCHEDULES ?? 1000);
const SEED = process.env.SIM_SEED === undefined ? undefined : Number(process.env.SIM_SEED);

/**
 * Runs `runs` random schedules; a failure prints fast-check's shrunk schedule and the seed and
 * path that replay it exactly (SIM_SEED=<seed> plus the printed path).
 */
export async function assertSchedules(runs: number) {
  const totals = {
    schedules: 0,
    operations: 0,
    faults: 0,
    messages: 0,
    lostToEviction: 0,
    lostToSignOut: 0,
    chatsDeleted: 0,
    mutes: 0,
  };
  await fc.assert(
    fc.asyncProperty(scheduleArb(), async (schedule) => {
      const report = await runSchedule(schedule);
      totals.schedules++;
      totals.operations += report.operations;
      totals.faults += report.faults;
      totals.messages += report.messages;
      totals.lostToEviction += report.lostToEviction;
      totals.lostToSignOut += report.lostToSignOut;
      totals.chatsDeleted += report.chatsDeleted;
      totals.mutes += report.mutes;
      expect(report.problems).toEqual([]);
    }),
    { numRuns: runs, ...(SEED !== undefined && { seed: SEED }), verbose: 1 },
  );
  console.log(`simulator: ${JSON.stringify({ ...totals, lost: 0, duplicated: 0 })}`);
}
