import * as v from 'valibot';
import {
  type ErrorBody,
  issuePath,
  limits,
  type SyncResponse,
  syncRequestSchema,
} from '../protocol/index.ts';
import { BadRequestError, RateLimitedError } from './errors.ts';
import type { SyncCore } from './sync-core.ts';

export interface SyncHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: SyncResponse | ErrorBody;
}

const json = (statusCode: number, body: SyncResponse | ErrorBody, headers = {}) => ({
  statusCode,
  headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  body,
});

const byteLength = (text: string) => new TextEncoder().encode(text).length;

/**
 * The HTTP semantics of POST /sync, shared by the Lambda handler and in-memory transports:
 * raw body + verified namespace in, status + JSON body out. A client's mistake is always a
 * 4xx with a clear message and never a write; a 500 never leaks internals.
 */
export async function processSync(
  core: SyncCore,
  me: string,
  rawBody: string,
): Promise<SyncHttpResult> {
  if (rawBody.length > limits.maxBodyBytes || byteLength(rawBody) > limits.maxBodyBytes) {
    return json(413, { message: `request body must be at most ${limits.maxBodyBytes} bytes` });
  }
  let data: unknown;
  try {
    data = JSON.parse(rawBody);
  } catch {
    return json(400, { message: 'request body is not valid JSON' });
  }
  const parsed = v.safeParse(syncRequestSchema, data);
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => ({ path: issuePath(i), message: i.message }));
    return json(400, { message: 'invalid sync request', issues });
  }
  try {
    return json(200, await core.sync(me, parsed.output));
  } catch (error) {
    if (error instanceof BadRequestError) {
      return json(400, { message: error.message, issues: error.issues });
    }
    if (error instanceof RateLimitedError) {
      return json(
        429,
        { message: 'too many messages, slow down' },
        { 'retry-after': String(error.retryAfterSeconds) },
      );
    }
    console.error('sync failed', error);
    return json(500, { message: 'internal error, retry later' });
  }
}
