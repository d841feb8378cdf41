/**
 * API Gateway's route throttling: a token bucket per route (not per client) holding up to
 * `burst` requests and refilled at `rate` per second. An empty bucket answers 429.
 */
export interface TokenBucket {
  /** Takes one token; false when none is left. */
  take(): boolean;
}

export function createTokenBucket(
  burst: number,
  ratePerSecond: number,
  now: () => number = () => performance.now(),
): TokenBucket {
  let tokens = burst;
  let last = now();
  return {
    take() {
      const t = now();
      tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond);
      last = t;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
