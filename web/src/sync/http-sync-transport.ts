import type { SyncRequest } from '@chatscape/sync-api/protocol';
import { SyncError, syncErrorCodes } from './errors.ts';
import { readSyncAnswer, type SyncAnswer } from './read-response.ts';
import type { SyncTransport } from './transport.ts';

export interface HttpSyncTransportOptions {
  /** Base URL of the API, e.g. https://api.example.com (POST {apiURL}/sync). */
  apiURL: string;
  fetch?: typeof fetch;
  /** Abort a request that hangs (lie-fi) after this long. */
  timeoutMs?: number;
}

/** The SyncTransport over HTTPS: POST {apiURL}/sync with the ID token as Bearer. */
export class HttpSyncTransport implements SyncTransport {
  readonly #url: string;
  readonly #fetch: typeof fetch;
  readonly #timeoutMs: number;

  constructor(options: HttpSyncTransportOptions) {
    this.#url = `${options.apiURL.replace(/\/+$/, '')}/sync`;
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#timeoutMs = options.timeoutMs ?? 30_000;
  }

  async sync(request: SyncRequest, idToken: string): Promise<SyncAnswer> {
    let response: Response;
    try {
      response = await this.#fetch(this.#url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${idToken}` },
        body: JSON.stringify(request),
        cache: 'no-store',
        signal: AbortSignal.timeout(this.#timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SyncError(syncErrorCodes.network, `network error: ${reason}`);
    }
    let body: unknown = null;
    try {
      body = await response.json();
    } catch {
      if (response.ok) {
        throw new SyncError(syncErrorCodes.network, 'response body was cut off');
      }
    }
    return readSyncAnswer(response.status, body, response.headers.get('retry-after'));
  }
}
