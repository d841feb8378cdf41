import { beforeAll, describe, it } from 'vitest';
import { assertSchedules, SCHEDULES } from './property.ts';
import { silenceExpectedCrashLogs } from './quiet.ts';

beforeAll(() => {
  silenceExpectedCrashLogs();
});

// Half of the schedules here, half in sim-2.test.ts: vitest runs the two files on two cores.
describe('multi-device sync under faults (1/2)', () => {
  it(
    `loses and duplicates nothing across ${Math.ceil(SCHEDULES / 2)} random schedules`,
    () => assertSchedules(Math.ceil(SCHEDULES / 2)),
    7_200_000,
  );
});
