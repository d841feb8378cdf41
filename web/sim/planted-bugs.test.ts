import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { silenceExpectedCrashLogs } from './quiet.ts';
import { runSchedule } from './run-schedule.ts';
import { QUIET_WORLD, type Schedule, scheduleArb } from './schedule.ts';

beforeAll(() => {
  silenceExpectedCrashLogs();
});

/** The checker is not toothless: outside the promised envelope it must find lost messages. */
async function findsLoss(envelope: Parameters<typeof scheduleArb>[0], shrink = true, runs = 400) {
  let lastProblems: string[] = [];
  const result = await fc.check(
    fc.asyncProperty(scheduleArb(envelope), async (schedule) => {
      const report = await runSchedule(schedule);
      if (report.problems.length > 0) lastProblems = report.problems;
      return report.problems.length === 0;
    }),
    { numRuns: runs, seed: 7, endOnFailure: !shrink },
  );
  return Object.assign(result, { lastProblems });
}

describe('planted bugs are caught', () => {
  it('an overlap window of 0 with index lag loses messages', async () => {
    const result = await findsLoss({ overlapMs: 0, maxLagMs: 3000 });
    expect(result.failed).toBe(true);
    // The shrunk schedule replays the failure exactly.
    const schedule = result.counterexample?.[0];
    expect(schedule).toBeDefined();
    if (schedule) expect((await runSchedule(schedule)).problems.join('\n')).toMatch(/misses/);
  });

  it('index lag beyond the window loses messages', async () => {
    const result = await findsLoss({ overlapMs: 1000, maxLagMs: 8000 });
    expect(result.failed).toBe(true);
  });

  // Each fix of issue 10, reverted behind a test-only core option, is caught.
  // The world each needs is narrowed to the faults that expose it, to keep the runs short.
  it.each([
    // The last column: how many schedules it may take (a block landing inside a send is rare).
    ['no-restamp', 'slow writes keep their stale stamps', { faults: ['slow', 'none'] }, 400],
    ['stale-block-flag', 'visibility frozen before the writes', { faults: ['interleave'] }, 2000],
    ['no-lww', 'contact mutations without last-writer-wins', {}, 400],
    ['estimated-size', 'pages sized by an estimate, not bytes', { hostileBodies: true }, 400],
  ] as const)('%s (%s) is caught', async (bug, _, world, runs) => {
    const result = await findsLoss({ plantedBugs: [bug], ...world }, false, runs);
    expect(result.failed).toBe(true);
  });

  it('no-mute-lww (chat.mute without last-writer-wins: an older mute replayed wins) is caught', async () => {
    // Random schedules rarely replay a mute after a newer one, so this one does it on purpose.
    const sync = { k: 'sync', d: 0, fault: 'none', crashAt: 0 } as const;
    const schedule: Schedule = {
      ...QUIET_WORLD,
      steps: [
        { k: 'add', d: 0, to: 1 },
        sync,
        { k: 'mute', d: 0, pick: 0, muted: true },
        sync,
        { k: 'tick', ms: 1000 },
        { k: 'mute', d: 0, pick: 0, muted: false },
        sync,
        // Past the 10 s a device re-applies its acknowledged change over a stale row.
        { k: 'tick', ms: 20_000 },
        { k: 'replay', pick: 1 }, // the request with the first mute
      ],
    };
    const buggy = await runSchedule({ ...schedule, plantedBugs: ['no-mute-lww'] });
    expect(buggy.problems.join('\n')).toMatch(/muted/);
    expect((await runSchedule(schedule)).problems).toEqual([]);
  });

  it('reopen-after-delete (a sync answer after sign-out recreates the database) is caught', async () => {
    // Not replayed: whether the worker's answer lands before or after the deletion's
    // versionchange depends on fake-indexeddb's task order, so the failing run itself is checked.
    const result = await findsLoss(
      { clientBugs: ['reopen-after-delete'], faults: ['none'] },
      false,
    );
    expect(result.failed).toBe(true);
    expect(result.lastProblems.join('\n')).toMatch(/came back after sign-out/);
  });
});
