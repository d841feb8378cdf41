export interface FieldIssue {
  path: string;
  message: string;
}

/** The request envelope is invalid: answered with 400 and the failing field paths. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'BadRequestError';
  }
}

/** The caller sent more writes than the per-minute limit allows: 429 with Retry-After. */
export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limit exceeded');
    this.name = 'RateLimitedError';
  }
}
