import { beforeAll, describe, expect, it } from 'vitest';
import { silenceExpectedCrashLogs } from './quiet.ts';
import { runSchedule } from './run-schedule.ts';
import type { Schedule } from './schedule.ts';

beforeAll(() => {
  silenceExpectedCrashLogs();
});

const base = {
  lagSeed: 0,
  maxLagMs: 3000,
  overlapMs: 5000,
  instanceOffsetsMs: [0, 0, 0],
  deviceSkewsMs: [0, 0, 0, 0, 0, 0],
  maxResponseBytes: 6_000_000,
};

/** Shrunk schedules of bugs the simulator found, kept so they stay fixed. */
const regressions: Array<[string, Schedule]> = [
  [
    'blocking yourself left one device showing a block the server had rejected',
    {
      ...base,
      steps: [
        { k: 'block', d: 0, to: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
      ],
    },
  ],
  [
    'reporting and unblocking yourself likewise',
    {
      ...base,
      steps: [
        { k: 'report', d: 2, to: 1 },
        { k: 'unblock', d: 3, to: 1 },
        { k: 'sync', d: 2, fault: 'lose-response', crashAt: 0 },
      ],
    },
  ],
];

describe('simulator regressions', () => {
  it.each(regressions)('%s', async (_, schedule) => {
    expect((await runSchedule(schedule)).problems).toEqual([]);
  });
});
