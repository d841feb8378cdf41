import * as v from 'valibot';
import { wiring } from './config.ts';
import { clientIdSchema } from './protocol.ts';
import { type IdTokenRules, verifyIdToken } from './verify-id-token.ts';

/** The event API Gateway sends a WebSocket API's REQUEST authorizer on `$connect`. */
export interface WebSocketAuthorizerEvent {
  type: 'REQUEST';
  methodArn: string;
  headers?: Record<string, string | undefined> | null;
  queryStringParameters?: Record<string, string | undefined> | null;
  requestContext: { connectionId: string; routeKey: string; eventType?: string };
}

/** Passed by API Gateway to every later route of the connection as requestContext.authorizer. */
export interface ConnectionIdentity {
  email: string;
  /** The sync client's id (one per user and browser), or "" when the page sent none. */
  clientId: string;
}

export interface AuthorizerResult {
  principalId: string;
  policyDocument: {
    Version: '2012-10-17';
    Statement: { Action: 'execute-api:Invoke'; Effect: 'Allow'; Resource: string }[];
  };
  context: ConnectionIdentity;
}

/**
 * API Gateway answers 401 when a Lambda authorizer throws exactly "Unauthorized"; the reason is
 * only logged (never the token: it is in the query string, which no log format here includes).
 */
export class UnauthorizedError extends Error {
  constructor(readonly reason: string) {
    super('Unauthorized');
  }
}

export function createWebSocketAuthorizer(rules: IdTokenRules) {
  return async (event: WebSocketAuthorizerEvent): Promise<AuthorizerResult> => {
    const query = event.queryStringParameters ?? {};
    const verdict = await verifyIdToken(query[wiring.tokenQueryParameter], rules);
    if (!verdict.ok) throw new UnauthorizedError(verdict.reason);
    const rawClientId = query[wiring.clientIdQueryParameter];
    const clientId = v.is(clientIdSchema, rawClientId) ? rawClientId : '';
    return {
      principalId: verdict.email,
      policyDocument: {
        Version: '2012-10-17',
        Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event.methodArn }],
      },
      context: { email: verdict.email, clientId },
    };
  };
}
