import { beforeAll, describe, expect, it } from 'vitest';
import { silenceExpectedCrashLogs } from './quiet.ts';
import { runSchedule } from './run-schedule.ts';
import type { Schedule, Step } from './schedule.ts';

beforeAll(() => {
  silenceExpectedCrashLogs();
});

const base = {
  lagSeed: 1,
  maxLagMs: 3000,
  overlapMs: 5000,
  instanceOffsetsMs: [0, 400, -400],
  deviceSkewsMs: [0, 0, 0, 0, 0, 0],
  maxResponseBytes: 6_000_000,
};

const tick: Step = { k: 'tick', ms: 4000 };

const sync = (
  d: number,
  fault: Step & { k: 'sync' } extends { fault: infer F } ? F : never = 'none',
  crashAt = 0,
): Step => ({
  k: 'sync',
  d,
  fault,
  crashAt,
});

/**
 * Hand-written schedules of edits and deletes across devices (ana: devices 0 and 1; ben: 2
 * and 3), through the same world and checker as the random ones.
 */
const schedules: Array<[string, Step[]]> = [
  [
    'an edit and a delete made offline reach every device once online',
    [
      { k: 'send', d: 0, to: 1, size: 5, style: 0 },
      { k: 'send', d: 0, to: 1, size: 5, style: 0 },
      sync(0),
      tick,
      sync(2),
      { k: 'offline', d: 0 },
      { k: 'edit', d: 0, pick: 0 },
      { k: 'delete', d: 0, pick: 1 },
      { k: 'edit', d: 0, pick: 1 },
      { k: 'online', d: 0 },
      sync(0, 'twice'),
      sync(3),
    ],
  ],
  [
    'edits from two devices of the sender, under crashes and concurrent deliveries',
    [
      { k: 'send', d: 0, to: 1, size: 5, style: 0 },
      sync(0),
      tick,
      sync(1),
      { k: 'edit', d: 0, pick: 0 },
      { k: 'edit', d: 1, pick: 0 },
      sync(1, 'crash', 3),
      sync(0, 'concurrent'),
      { k: 'tick', ms: 2000 },
      sync(1, 'interleave'),
      { k: 'delete', d: 1, pick: 0 },
      sync(1, 'lose-response'),
      { k: 'replay', pick: 3 },
      sync(2),
    ],
  ],
  [
    'delete for me leaves my devices and never the peer, even after an eviction',
    [
      { k: 'send', d: 2, to: 0, size: 5, style: 0 },
      sync(2),
      tick,
      sync(0),
      { k: 'hide', d: 0, pick: 0 },
      sync(0, 'crash', 2),
      sync(0),
      { k: 'evict', d: 1 },
      sync(1),
      sync(3),
      { k: 'hide', d: 3, pick: 0 },
    ],
  ],
  [
    'an edit a month late is refused and undone; the text stays what everyone sees',
    [
      { k: 'send', d: 0, to: 1, size: 5, style: 0 },
      sync(0),
      tick,
      sync(1),
      { k: 'offline', d: 1 },
      { k: 'edit', d: 1, pick: 0 },
      { k: 'tick', ms: 31 * 24 * 3600 * 1000 },
      { k: 'online', d: 1 },
      sync(1),
      sync(2),
    ],
  ],
  [
    'a blocked peer edits and deletes: the blocker keeps what they had',
    [
      { k: 'send', d: 0, to: 1, size: 5, style: 0 },
      sync(0),
      tick,
      sync(2),
      { k: 'block', d: 2, to: 0 },
      sync(2),
      { k: 'edit', d: 0, pick: 0 },
      { k: 'delete', d: 0, pick: 0 },
      sync(0),
      { k: 'unblock', d: 3, to: 0 },
      sync(3),
      { k: 'evict', d: 2 },
    ],
  ],
];

describe('simulator: message lifecycle schedules', () => {
  for (const [name, steps] of schedules) {
    it(name, async () => {
      const schedule: Schedule = { ...base, steps };
      const report = await runSchedule(schedule);
      expect(report.problems).toEqual([]);
    });
  }
});
