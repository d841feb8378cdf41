export const syncErrorCodes = {
  /** Offline, DNS, connection reset, dropped request or lost response. Retry with backoff. */
  network: 'network',
  /** 5xx. Retry with backoff. */
  server: 'server',
  /** 429. Retry after `retryAfterMs`. */
  rateLimited: 'rate_limited',
  /** 401, or no usable token. Wait for the page to refresh the token. */
  unauthorized: 'unauthorized',
  /** 400: the envelope was refused; `issues` name the fields. */
  badRequest: 'bad_request',
  /** 413. */
  tooLarge: 'too_large',
  /** A 200 whose body does not match the protocol. Retry with backoff. */
  invalidResponse: 'invalid_response',
} as const;

export type SyncErrorCode = (typeof syncErrorCodes)[keyof typeof syncErrorCodes];

export interface SyncErrorDetails {
  status?: number;
  retryAfterMs?: number;
  issues?: Array<{ path: string; message: string }>;
}

export class SyncError extends Error {
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    readonly details: SyncErrorDetails = {},
  ) {
    super(message);
    this.name = 'SyncError';
  }
}

export function toSyncError(error: unknown): SyncError {
  if (error instanceof SyncError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new SyncError(syncErrorCodes.network, message || 'network error');
}
