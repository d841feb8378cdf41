export class RateLimitedError extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super('rate limit exceeded');
    this.name = 'RateLimitedError';
  }
}
