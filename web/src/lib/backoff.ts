export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** 0..1 share of the delay that is randomised, so tabs and devices do not retry in step. */
  jitter?: number;
  random?: () => number;
}

/** Delay before retry number `attempt` (1 = first retry): base * 2^(attempt-1), capped. */
export function backoffDelay(attempt: number, options: BackoffOptions): number {
  const exp = Math.min(options.maxMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
  const jitter = options.jitter ?? 0.2;
  const random = options.random ?? Math.random;
  return Math.round(exp * (1 - jitter + jitter * random()));
}
