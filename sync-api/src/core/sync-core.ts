import type { SyncRequest, SyncResponse } from '../protocol/index.ts';
import type { SyncStore } from '../store/sync-store.ts';

export interface SyncCoreOptions {
  store: SyncStore;
  /** Server clock in ms. */
  now?: () => number;
  /** How far before the cursor's horizon a pull re-reads (GSI lag and clock skew). Default 5000. */
  overlapMs?: number;
  /** message.send per user per minute. Default 600. */
  rateLimitPerMinute?: number;
  /** Messages per pull page. Default 500. */
  pageSize?: number;
}

export interface SyncCore {
  /** Apply the (envelope-valid) request for the verified namespace and pull changes. */
  sync(namespace: string, request: SyncRequest): Promise<SyncResponse>;
}

export function createSyncCore(_options: SyncCoreOptions): SyncCore {
  throw new Error('not implemented yet');
}
