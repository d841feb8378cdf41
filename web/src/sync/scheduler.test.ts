import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SyncError } from './errors.ts';
import { createSyncScheduler } from './scheduler.ts';
import type { SyncOutcome } from './sync-once.ts';

const ok: SyncOutcome = { kind: 'ok', accepted: 0, rejected: 0, received: 0, deferred: 0 };
const failed = (code: SyncError['code'], retryAfterMs?: number): SyncOutcome => ({
  kind: 'failed',
  error: new SyncError(code, code, retryAfterMs === undefined ? {} : { retryAfterMs }),
});

describe('createSyncScheduler', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function start(outcomes: SyncOutcome[], extra: { isVisible?: () => boolean } = {}) {
    const run = vi.fn(async () => outcomes.shift() ?? ok);
    const onUnauthorized = vi.fn();
    const scheduler = createSyncScheduler({
      run,
      pollMs: 5000,
      random: () => 1,
      now: () => Date.now(),
      onUnauthorized,
      ...extra,
    });
    scheduler.kick();
    return { run, scheduler, onUnauthorized };
  }

  it('polls every 5 s while visible', async () => {
    const { run, scheduler } = start([]);
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(15_000);
    expect(run).toHaveBeenCalledTimes(4);
    scheduler.stop();
  });

  it('does not poll while hidden, but a kick still runs', async () => {
    const { run, scheduler } = start([], { isVisible: () => false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
    scheduler.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('backs off exponentially after failures and resets after a success', async () => {
    const { run, scheduler } = start([failed('network'), failed('server'), failed('server')]);
    await vi.advanceTimersByTimeAsync(0);
    await vi.advanceTimersByTimeAsync(5000); // 1st retry after 5 s
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(9999); // 2nd after 10 s
    expect(run).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(20_000); // 3rd after 20 s, succeeds
    expect(run).toHaveBeenCalledTimes(4);
    await vi.advanceTimersByTimeAsync(5000); // back to polling
    expect(run).toHaveBeenCalledTimes(5);
    scheduler.stop();
  });

  it('waits at least Retry-After, even when kicked', async () => {
    const { run, scheduler } = start([failed('rate_limited', 30_000)]);
    await vi.advanceTimersByTimeAsync(0);
    scheduler.kick();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });

  it('on 401 asks for a new token and waits for the next kick', async () => {
    const { run, scheduler, onUnauthorized } = start([failed('unauthorized')]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(run).toHaveBeenCalledTimes(1);
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
    scheduler.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(2);
    scheduler.stop();
  });
});
