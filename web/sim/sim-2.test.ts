import { beforeAll, describe, it } from 'vitest';
import { assertSchedules, SCHEDULES } from './property.ts';
import { silenceExpectedCrashLogs } from './quiet.ts';

beforeAll(() => {
  silenceExpectedCrashLogs();
});

// The other half of sim-1.test.ts: vitest runs the two files on two cores.
describe('multi-device sync under faults (2/2)', () => {
  it(
    `loses and duplicates nothing across ${Math.floor(SCHEDULES / 2)} random schedules`,
    () => assertSchedules(Math.floor(SCHEDULES / 2)),
    7_200_000,
  );
});
