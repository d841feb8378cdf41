import { type ChatDb, type SyncPhase, updateStatus } from '../db/index.ts';
import { type SyncError, syncErrorCodes } from './errors.ts';

const phaseFor = (error: SyncError): SyncPhase => {
  if (error.code === syncErrorCodes.network) return 'offline';
  if (error.code === syncErrorCodes.unauthorized) return 'auth';
  return 'error';
};

/** Shows why sync stopped; the outbox is untouched, so nothing the user wrote is lost. */
export async function recordFailure(db: ChatDb, error: SyncError, now: number): Promise<void> {
  const retryAt =
    error.details.retryAfterMs === undefined ? undefined : now + error.details.retryAfterMs;
  await updateStatus(db, {
    phase: phaseFor(error),
    error: error.message,
    ...(retryAt !== undefined && { retryAt }),
  });
}
