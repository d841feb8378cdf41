import { beforeAll, describe, expect, it } from 'vitest';
import { silenceExpectedCrashLogs } from './quiet.ts';
import { runSchedule } from './run-schedule.ts';
import type { Schedule } from './schedule.ts';

beforeAll(() => {
  silenceExpectedCrashLogs();
});

const base = {
  lagSeed: 3,
  maxLagMs: 3000,
  overlapMs: 5000,
  instanceOffsetsMs: [0, 400, -400],
  deviceSkewsMs: [0, 0, 0, 0, 0, 0],
  maxResponseBytes: 6_000_000,
};

/**
 * Hand-written schedules of read receipts and drafts across devices (devices 0-1 are ana's,
 * 2-3 ben's), with the faults that matter to them: the checker must find every device of a
 * user agreeing with the server on the marks and the newest draft.
 */
const schedules: Array<[string, Schedule]> = [
  [
    'ben reads on one device, under lost and doubled answers; his other device and ana follow',
    {
      ...base,
      steps: [
        { k: 'add', d: 0, to: 1 },
        { k: 'add', d: 2, to: 0 },
        { k: 'sync', d: 2, fault: 'none', crashAt: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 4000 },
        { k: 'send', d: 0, to: 1, size: 5, style: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 4000 },
        { k: 'sync', d: 2, fault: 'lose-response', crashAt: 0 },
        { k: 'read', d: 2, to: 0 },
        { k: 'sync', d: 2, fault: 'twice', crashAt: 0 },
        { k: 'sync', d: 3, fault: 'concurrent', crashAt: 0 },
        { k: 'read', d: 3, to: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
      ],
    },
  ],
  [
    'drafts typed on both of ana’s devices: the older one, from the offline device, lands last and loses',
    {
      ...base,
      steps: [
        { k: 'add', d: 0, to: 1 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 4000 }, // past the index lag: the other device pulls the contact
        { k: 'sync', d: 1, fault: 'none', crashAt: 0 },
        { k: 'offline', d: 1 },
        { k: 'draft', d: 1, to: 1, clear: false },
        { k: 'tick', ms: 10 },
        { k: 'draft', d: 0, to: 1, clear: false },
        // The newer draft lands first; the offline device's older one arrives after it.
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'online', d: 1 },
        { k: 'sync', d: 1, fault: 'lose-response', crashAt: 0 },
      ],
    },
  ],
  [
    'a draft emptied on one device (answer delayed), a send from the other clears it everywhere',
    {
      ...base,
      steps: [
        { k: 'add', d: 0, to: 1 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 4000 },
        { k: 'sync', d: 1, fault: 'none', crashAt: 0 },
        { k: 'draft', d: 1, to: 1, clear: false },
        { k: 'sync', d: 1, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 4000 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'draft', d: 1, to: 1, clear: true },
        { k: 'sync', d: 1, fault: 'delay', crashAt: 0 },
        { k: 'draft', d: 0, to: 1, clear: false },
        { k: 'send', d: 0, to: 1, size: 3, style: 0 },
        { k: 'sync', d: 0, fault: 'crash', crashAt: 3 },
        { k: 'deliver' },
        { k: 'replay', pick: 1 },
      ],
    },
  ],
];

describe('read receipts and drafts across devices (simulator)', () => {
  it.each(schedules)('%s', async (_, schedule) => {
    expect((await runSchedule(schedule)).problems).toEqual([]);
  });
});
