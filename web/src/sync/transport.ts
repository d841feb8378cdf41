import type { SyncRequest } from '@chatscape/sync-api/protocol';
import type { SyncAnswer } from './read-response.ts';

/**
 * The port between the sync engine and the server: one POST /sync exchange.
 *
 * Idempotency: every mutation carries its id, so sending the same request again (after a
 * timeout or a lost response) applies nothing twice; the server answers `duplicate`.
 * Throws a SyncError, never anything else: `network` (offline, dropped request, lost
 * response), `server` (5xx), `rate_limited` (429, with retryAfterMs), `unauthorized` (401),
 * `bad_request` (400, with issues), `too_large` (413), `invalid_response`.
 * Offline: fails fast with `network`; it never queues anything itself (the outbox does).
 */
export interface SyncTransport {
  sync(request: SyncRequest, idToken: string): Promise<SyncAnswer>;
}
