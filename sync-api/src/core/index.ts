export { BadRequestError, RateLimitedError } from './errors.ts';
export { processSync, type SyncHttpResult } from './process-sync.ts';
export { createSyncCore, type SyncCore, type SyncCoreOptions } from './sync-core.ts';
