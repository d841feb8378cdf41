import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSyncScheduler } from '../sync/scheduler.ts';
import type { SyncOutcome } from '../sync/sync-once.ts';

const ok: SyncOutcome = { kind: 'ok', accepted: 0, rejected: 0, received: 0, deferred: 0 };

// The scheduler's hook for live delivery: no polling while the socket is live, slow polling
// while it is down, kicks (pokes) always run.
describe('scheduler polling under live delivery', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('stops polling while live, still runs every kick, and polls slowly when the socket drops', async () => {
    const run = vi.fn(async () => ok);
    const scheduler = createSyncScheduler({ run, pollMs: 5000, random: () => 1 });
    scheduler.kick();
    await vi.advanceTimersByTimeAsync(0);
    scheduler.setPollMs(null); // live
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.kick(); // a poke
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(600_000);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.setPollMs(45_000); // down
    await vi.advanceTimersByTimeAsync(44_999);
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(45_000);
    expect(run).toHaveBeenCalledTimes(4);
    scheduler.stop();
  });
});
