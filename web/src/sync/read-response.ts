import {
  errorBodySchema,
  issuePath,
  mutationResultSchema,
  syncResponseSchema,
} from '@chatscape/sync-api/protocol';
import * as v from 'valibot';
import { SyncError, syncErrorCodes } from './errors.ts';

const DEFAULT_RETRY_AFTER_MS = 30_000;

/**
 * The protocol's answer, read leniently in one place: a result status this client does not
 * know (a newer server's, e.g. a mutation held back by a rate limit, to be retried later) is
 * kept as it is, with any extra fields, instead of failing the whole answer. applyResponse
 * keeps such a mutation queued; only `applied`, `duplicate` and `rejected` settle one.
 */
const syncAnswerSchema = v.object({
  ...syncResponseSchema.entries,
  results: v.array(v.looseObject({ ...mutationResultSchema.entries, status: v.string() })),
});

export type SyncAnswer = v.InferOutput<typeof syncAnswerSchema>;
export type AnswerResult = SyncAnswer['results'][number];

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number {
  if (!value) return DEFAULT_RETRY_AFTER_MS;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - now);
}

/**
 * Turns an HTTP answer into a parsed SyncAnswer or a SyncError. The response is a trust
 * boundary: it is parsed with the protocol schema, and a mismatch is `invalid_response`.
 */
export function readSyncAnswer(
  status: number,
  body: unknown,
  retryAfter: string | null | undefined,
): SyncAnswer {
  if (status === 200) {
    const parsed = v.safeParse(syncAnswerSchema, body);
    if (parsed.success) return parsed.output;
    const where = parsed.issues.map(issuePath).join(', ');
    throw new SyncError(syncErrorCodes.invalidResponse, `unexpected sync response (${where})`);
  }
  const error = v.safeParse(errorBodySchema, body);
  const message = error.success ? error.output.message : `HTTP ${status}`;
  const issues = error.success ? error.output.issues : undefined;
  if (status === 401) throw new SyncError(syncErrorCodes.unauthorized, message, { status });
  if (status === 429) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    throw new SyncError(syncErrorCodes.rateLimited, message, { status, retryAfterMs });
  }
  if (status === 413) throw new SyncError(syncErrorCodes.tooLarge, message, { status });
  if (status === 400) {
    throw new SyncError(syncErrorCodes.badRequest, message, { status, ...(issues && { issues }) });
  }
  throw new SyncError(syncErrorCodes.server, message, { status });
}
