// The in-process transport and demo server are in ./memory.ts, loaded only where needed.
export { applyResponse } from './apply-response.ts';
export { SyncError, type SyncErrorCode, syncErrorCodes, toSyncError } from './errors.ts';
export { flushAccounts } from './flush-accounts.ts';
export { HttpSyncTransport, type HttpSyncTransportOptions } from './http-sync-transport.ts';
export { parseRetryAfter, readSyncAnswer, type SyncAnswer } from './read-response.ts';
export { createSyncScheduler, type SchedulerOptions, type SyncScheduler } from './scheduler.ts';
export { lockName, type SyncDeps, type SyncOutcome, syncOnce } from './sync-once.ts';
export type { SyncTransport } from './transport.ts';
