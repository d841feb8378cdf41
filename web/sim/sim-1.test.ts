import { beforeAll, describe, it, vi } from 'vitest';
import { assertSchedules, SCHEDULES } from './property.ts';

// The crash fault makes the core log "sync failed" on purpose, thousands of times.
beforeAll(() => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
});

// Half of the schedules here, half in sim-2.test.ts: vitest runs the two files on two cores.
describe('multi-device sync under faults (1/2)', () => {
  it(
    `loses and duplicates nothing across ${Math.ceil(SCHEDULES / 2)} random schedules`,
    () => assertSchedules(Math.ceil(SCHEDULES / 2)),
    7_200_000,
  );
});
