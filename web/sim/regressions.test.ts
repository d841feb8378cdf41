import { beforeAll, describe, expect, it } from 'vitest';
import { silenceExpectedCrashLogs } from './quiet.ts';
import { runSchedule } from './run-schedule.ts';
import { QUIET_WORLD, type Schedule } from './schedule.ts';

beforeAll(() => {
  silenceExpectedCrashLogs();
});

const base = QUIET_WORLD;

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
  [
    // Found after merging receipts with the message lifecycle: a delivered receipt rewrote the
    // recipient's contact row and the memory store dropped its lastEventAt, so the edit's event
    // was never pulled by the device that already had the original.
    'an edit reaches a device that pulled the original, after a receipt rewrote the row',
    {
      ...base,
      maxResponseBytes: 40_000,
      steps: [
        { k: 'send', d: 2, to: 2, size: 0, style: 0 },
        { k: 'send', d: 5, to: 1, size: 0, style: 0 },
        { k: 'sync', d: 2, fault: 'none', crashAt: 0 },
        { k: 'edit', d: 0, pick: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'edit', d: 2, pick: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 5, fault: 'none', crashAt: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'tick', ms: 4940 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
      ],
    },
  ],
  [
    // The 100,000-schedule soak of 2026-12-01 (seed -1942981137): the unblock was applied by a
    // request that crashed before answering, and its device was evicted before any retry. The
    // server rightly kept the newer unblock; the checker had only counted answered mutations.
    'an unblock applied by a crashed request, its device evicted before the retry',
    {
      ...base,
      steps: [
        { k: 'block', d: 1, to: 1 },
        { k: 'unblock', d: 0, to: 1 },
        { k: 'send', d: 0, to: 1, size: 0, style: 0 },
        { k: 'sync', d: 0, fault: 'crash', crashAt: 5 },
        { k: 'sync', d: 1, fault: 'none', crashAt: 0 },
        { k: 'deliver' },
        { k: 'tick', ms: 0 },
        { k: 'replay', pick: 870941619 },
        { k: 'add', d: 0, to: 0 },
        { k: 'evict', d: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 0 },
        { k: 'add', d: 0, to: 0 },
      ],
    },
  ],
  [
    'two edits made offline past the 24 h window, both refused, left the first edit on the device (soak, sim-1)',
    {
      ...base,
      steps: [
        { k: 'send', d: 3, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 3, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 2678400000 },
        { k: 'edit', d: 3, pick: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'replay', pick: 0 },
        { k: 'edit', d: 3, pick: 0 },
        { k: 'add', d: 0, to: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'read', d: 0, to: 0 },
        { k: 'tick', ms: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'edit', d: 0, pick: 0 },
      ],
    },
  ],
  [
    'two queued edits refused after a month left the first edit shown (soak, sim-2)',
    {
      ...base,
      steps: [
        { k: 'send', d: 2, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 2, fault: 'none', crashAt: 0 },
        { k: 'edit', d: 2, pick: 0 },
        { k: 'edit', d: 2, pick: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'edit', d: 0, pick: 0 },
        { k: 'offline', d: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 2678400000 },
        { k: 'signout', d: 0, late: false },
        { k: 'tick', ms: 0 },
        { k: 'offline', d: 0 },
      ],
    },
  ],
  [
    'a chat deleted on one device left, on the other, a message it had sent and not yet seen stamped (soak, sim-1)',
    {
      ...base,
      maxResponseBytes: 40000,
      steps: [
        { k: 'send', d: 2, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 2, fault: 'none', crashAt: 0 },
        { k: 'offline', d: 1 },
        { k: 'tick', ms: 434 },
        { k: 'sync', d: 3, fault: 'none', crashAt: 0 },
        { k: 'clear', d: 1, pick: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 3, fault: 'none', crashAt: 0 },
        { k: 'expire', u: 0 },
        { k: 'tick', ms: 0 },
        { k: 'mute', d: 0, pick: 0, muted: false },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'tick', ms: 0 },
        { k: 'clear', d: 0, pick: 0 },
        { k: 'offline', d: 0 },
      ],
    },
  ],
  [
    'the same, the sender offline while the chat was deleted (soak, sim-2)',
    {
      ...base,
      maxResponseBytes: 40000,
      steps: [
        { k: 'send', d: 0, to: 1, size: 0, style: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'clear', d: 1, pick: 0 },
        { k: 'offline', d: 0 },
        { k: 'replay', pick: 0 },
        { k: 'sync', d: 1, fault: 'none', crashAt: 0 },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'route', d: 0, instance: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'mute', d: 0, pick: 0, muted: false },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'edit', d: 0, pick: 0 },
        { k: 'tick', ms: 1397 },
      ],
    },
  ],
  [
    'a message deleted for me on one device after a chat delete and an edit stays gone on the other (soak, sim-1, seed 1035784694)',
    {
      ...base,
      steps: [
        { k: 'offline', d: 0 },
        { k: 'send', d: 2, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 2, fault: 'none', crashAt: 0 },
        { k: 'clear', d: 0, pick: 0 },
        { k: 'edit', d: 2, pick: 0 },
        { k: 'sync', d: 1, fault: 'none', crashAt: 0 },
        { k: 'expire', u: 0 },
        { k: 'tick', ms: 1974 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'sync', d: 3, fault: 'none', crashAt: 0 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'add', d: 0, to: 0 },
        { k: 'signout', d: 3, late: false },
        { k: 'signout', d: 3, late: false },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'hide', d: 1, pick: 0 },
      ],
    },
  ],
  [
    "a block whose write was slow reaches the blocker's other device (soak, sim-1, seed 1298748721)",
    {
      ...base,
      lagSeed: 249139853,
      steps: [
        { k: 'block', d: 5, to: 0 },
        { k: 'add', d: 3, to: 0 },
        { k: 'sync', d: 3, fault: 'none', crashAt: 0 },
        { k: 'replay', pick: 0 },
        { k: 'draft', d: 0, to: 0, clear: false },
        { k: 'sync', d: 0, fault: 'none', crashAt: 0 },
        { k: 'draft', d: 0, to: 0, clear: false },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
        { k: 'tick', ms: 0 },
        { k: 'sync', d: 5, fault: 'slow', crashAt: 0 },
        { k: 'tick', ms: 2471 },
        { k: 'send', d: 0, to: 0, size: 0, style: 0 },
      ],
    },
  ],
];

describe('simulator regressions', () => {
  it.each(regressions)('%s', async (_, schedule) => {
    expect((await runSchedule(schedule)).problems).toEqual([]);
  });
});
