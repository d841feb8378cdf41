/**
 * POST /sync as a client does it: through the API Gateway adapter (JWT verified on every
 * request), or straight into the Lambda handler with the event the adapter would build.
 */
import { randomUUID } from 'node:crypto';
import { decodeJwt } from 'jose';
import { stringifyClaims } from '../../sync-api/local/api-gateway-event.ts';
import type { LocalStack } from '../../sync-api/local/stack.ts';
import type { SyncLambdaHandler } from '../../sync-api/src/handler.ts';
import type { MutationInput, SyncResponse } from '../../sync-api/src/protocol/index.ts';

export interface SyncCall {
  status: number;
  body: SyncResponse;
  /** Request to last byte of the response. */
  ms: number;
}

export interface SyncClient {
  email: string;
  /** The verified claims as API Gateway hands them to the Lambda (all strings). */
  claims: Record<string, string>;
  sync(cursor: string | null, mutations?: MutationInput[]): Promise<SyncCall>;
}

const requestBody = (cursor: string | null, mutations: MutationInput[], clientId: string) =>
  JSON.stringify({ v: 1, clientId, cursor, mutations });

function parse(status: number, text: string): SyncResponse {
  if (status !== 200) throw new Error(`sync answered ${status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as SyncResponse;
}

export function createHttpSyncClient(
  stack: Pick<LocalStack, 'apiURL' | 'appURL'>,
  email: string,
  idToken: string,
): SyncClient {
  const clientId = randomUUID();
  return {
    email,
    claims: stringifyClaims(decodeJwt(idToken)),
    async sync(cursor, mutations = []) {
      const start = performance.now();
      const res = await fetch(`${stack.apiURL}/sync`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${idToken}`,
          'content-type': 'application/json',
          origin: stack.appURL,
        },
        body: requestBody(cursor, mutations, clientId),
      });
      const text = await res.text();
      const ms = performance.now() - start;
      return { status: res.status, body: parse(res.status, text), ms };
    },
  };
}

/** The same call without HTTP or JWT verification: the handler invoked in this process. */
export function createInProcessSyncClient(
  handler: SyncLambdaHandler,
  from: Pick<SyncClient, 'email' | 'claims'>,
): SyncClient {
  const clientId = randomUUID();
  return {
    ...from,
    async sync(cursor, mutations = []) {
      const start = performance.now();
      const result = await handler(
        lambdaEvent(from.claims, requestBody(cursor, mutations, clientId)),
      );
      const ms = performance.now() - start;
      const status = result.statusCode ?? 200;
      return { status, body: parse(status, String(result.body ?? '')), ms };
    },
  };
}

/** A payload-2.0 event with string claims, shaped like the one the adapter builds. */
export function lambdaEvent(claims: Record<string, string>, body: string) {
  const now = Date.now();
  return {
    version: '2.0',
    routeKey: 'POST /sync',
    rawPath: '/sync',
    rawQueryString: '',
    headers: { 'content-type': 'application/json' },
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: { principalId: '', integrationLatency: 0, jwt: { claims, scopes: [] } },
      domainName: '127.0.0.1',
      domainPrefix: '127',
      http: {
        method: 'POST',
        path: '/sync',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: randomUUID(),
      routeKey: 'POST /sync',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    body,
    isBase64Encoded: false,
  } satisfies Parameters<SyncLambdaHandler>[0];
}
