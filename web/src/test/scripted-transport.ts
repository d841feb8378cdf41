import type { SyncRequest } from '@chatscape/sync-api/protocol';
import type { SyncAnswer } from '../sync/read-response.ts';
import type { SyncTransport } from '../sync/transport.ts';

export type Answer = (request: SyncRequest) => SyncAnswer | Promise<SyncAnswer>;

/** A transport that records requests and answers with a script (one answer per call). */
export class ScriptedTransport implements SyncTransport {
  readonly requests: SyncRequest[] = [];
  readonly tokens: string[] = [];
  constructor(private readonly answers: Answer[]) {}

  async sync(request: SyncRequest, idToken: string): Promise<SyncAnswer> {
    this.requests.push(structuredClone(request));
    this.tokens.push(idToken);
    const answer = this.answers.shift();
    if (!answer) throw new Error('no scripted answer left');
    return answer(request);
  }
}

/** Answers every mutation with `status`, and no changes. */
export const acceptAll =
  (status: 'applied' | 'duplicate' = 'applied', more = false): Answer =>
  (request) => ({
    results: request.mutations.map((m) => ({ id: m.id, status })),
    changes: { contacts: [], messages: [] },
    cursor: `c${Math.random()}`,
    more,
  });
