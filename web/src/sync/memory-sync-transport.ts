import { processSync, type SyncCore } from '@chatscape/sync-api/core';
import type { SyncRequest } from '@chatscape/sync-api/protocol';
import { SyncError, syncErrorCodes } from './errors.ts';
import { readSyncAnswer, type SyncAnswer } from './read-response.ts';
import type { SyncTransport } from './transport.ts';

/**
 * What goes wrong with one request:
 * - `drop`: the request never reaches the server;
 * - `lose-response`: the server commits, then the answer is lost;
 * - a status: the server answers with it without doing anything.
 */
export type Fault = 'drop' | 'lose-response' | 401 | 429 | 500 | 503 | null;

export interface MemorySyncTransportOptions {
  core: SyncCore;
  /** The verified namespace for a token, or null for a 401. Default: the token is the email. */
  authenticate?: (idToken: string) => string | null;
  /** Decides a fault per request (tests, the simulator). */
  fault?: (request: SyncRequest, namespace: string) => Fault;
  /** Simulated network latency each way. */
  latencyMs?: number;
  /** Called after the server committed a request (the demo bot reacts here). */
  afterSync?: (namespace: string) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The SyncTransport in one process: calls the sync-api core with the same HTTP semantics
 * as the Lambda (minus JWT verification), through a JSON round trip so nothing is shared by
 * reference. For tests, the simulator and the serverless demo mode.
 */
export class MemorySyncTransport implements SyncTransport {
  constructor(private readonly options: MemorySyncTransportOptions) {}

  async sync(request: SyncRequest, idToken: string): Promise<SyncAnswer> {
    const { core, latencyMs = 0 } = this.options;
    const namespace = (this.options.authenticate ?? ((t) => t))(idToken);
    if (latencyMs) await sleep(latencyMs);
    const fault = namespace === null ? 401 : (this.options.fault?.(request, namespace) ?? null);
    if (fault === 'drop') throw new SyncError(syncErrorCodes.network, 'request dropped');
    if (typeof fault === 'number') {
      const retryAfter = fault === 429 ? '1' : null;
      return readSyncAnswer(fault, { message: `HTTP ${fault}` }, retryAfter);
    }
    if (namespace === null) return readSyncAnswer(401, { message: 'Unauthorized' }, null);
    const result = await processSync(core, namespace, JSON.stringify(request));
    this.options.afterSync?.(namespace);
    if (latencyMs) await sleep(latencyMs);
    if (fault === 'lose-response') throw new SyncError(syncErrorCodes.network, 'response lost');
    const body: unknown = JSON.parse(JSON.stringify(result.body));
    return readSyncAnswer(result.statusCode, body, result.headers['retry-after']);
  }
}
