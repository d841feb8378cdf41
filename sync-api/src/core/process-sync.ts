import type { ErrorBody, SyncResponse } from '../protocol/index.ts';
import type { SyncCore } from './sync-core.ts';

export interface SyncHttpResult {
  statusCode: number;
  headers: Record<string, string>;
  body: SyncResponse | ErrorBody;
}

/**
 * The HTTP semantics of POST /sync, shared by the Lambda handler and in-memory transports:
 * raw body + verified namespace in, status + JSON body out. Never throws for a client's mistake.
 */
export async function processSync(
  _core: SyncCore,
  _namespace: string,
  _rawBody: string,
): Promise<SyncHttpResult> {
  throw new Error('not implemented yet');
}
