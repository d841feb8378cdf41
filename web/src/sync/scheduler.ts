import { backoffDelay } from '../lib/backoff.ts';
import { syncErrorCodes } from './errors.ts';
import type { SyncOutcome } from './sync-once.ts';

export interface SchedulerOptions {
  /** One sync run (syncOnce bound to its deps). */
  run: (options: { ifAvailable: boolean }) => Promise<SyncOutcome>;
  /** Pull interval while visible. Default 5 s. */
  pollMs?: number;
  maxBackoffMs?: number;
  isVisible?: () => boolean;
  isOnline?: () => boolean;
  /** Called when the server refused the token: the page should renew it, then kick(). */
  onUnauthorized?: () => void;
  now?: () => number;
  random?: () => number;
}

export interface SyncScheduler {
  /** Run as soon as allowed (after a write, on start, online, focus, visible, new token). */
  kick(): void;
  stop(): void;
  /** Resolves when no run is in progress (tests). */
  idle(): Promise<void>;
  /**
   * Live delivery (web/src/realtime): a new poll interval, or null for no polling at all
   * (while the socket is live, pokes kick instead). Failure backoff is unchanged.
   */
  setPollMs(ms: number | null): void;
}

/**
 * The page's sync loop: runs on kicks and polls every few seconds while visible, so incoming
 * messages appear without a reload. Failures back off exponentially (never sooner than a
 * Retry-After); a 401 waits for the next kick, which the new token brings.
 */
export function createSyncScheduler(options: SchedulerOptions): SyncScheduler {
  const basePollMs = options.pollMs ?? 5000;
  let pollMs: number | null = basePollMs;
  const now = options.now ?? Date.now;
  const isVisible = options.isVisible ?? (() => true);
  const isOnline = options.isOnline ?? (() => true);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let notBefore = 0;
  let stopped = false;

  const schedule = (delay: number) => {
    clearTimeout(timer);
    if (!stopped) timer = setTimeout(() => tick(false), Math.max(0, delay));
  };

  const nextDelay = (outcome: SyncOutcome | undefined): number | undefined => {
    if (outcome?.kind !== 'failed') {
      failures = 0;
      return isVisible() && pollMs !== null ? pollMs : undefined;
    }
    if (outcome.error.code === syncErrorCodes.unauthorized) {
      options.onUnauthorized?.();
      return undefined;
    }
    failures += 1;
    const backoff = backoffDelay(failures, {
      baseMs: basePollMs,
      maxMs: options.maxBackoffMs ?? 60_000,
      ...(options.random && { random: options.random }),
    });
    const delay = Math.max(backoff, outcome.error.details.retryAfterMs ?? 0);
    notBefore = now() + (outcome.error.details.retryAfterMs ?? 0);
    return delay;
  };

  // A poll skips its turn when another tab or the service worker is syncing; a kick waits.
  async function runOnce(kicked: boolean) {
    let outcome: SyncOutcome | undefined;
    try {
      outcome = isOnline() ? await options.run({ ifAvailable: !kicked }) : undefined;
    } catch (error) {
      console.error('sync run failed', error);
    }
    const delay = isOnline()
      ? nextDelay(outcome)
      : isVisible() && pollMs !== null
        ? pollMs
        : undefined;
    if (delay !== undefined) schedule(delay);
  }

  function tick(kicked: boolean) {
    if (stopped) return;
    if (running) {
      again ||= kicked;
      return;
    }
    clearTimeout(timer);
    running = runOnce(kicked).finally(() => {
      running = undefined;
      if (again) {
        again = false;
        tick(true);
      }
    });
  }

  return {
    kick() {
      const wait = notBefore - now();
      if (wait > 0) schedule(wait);
      else tick(true);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    async idle() {
      while (running) await running;
    },
    setPollMs(ms) {
      pollMs = ms;
      // A pending poll is rescheduled; a pending retry (after a failure) is left alone.
      if (stopped || running || failures > 0) return;
      clearTimeout(timer);
      if (ms !== null && isVisible()) schedule(ms);
    },
  };
}
