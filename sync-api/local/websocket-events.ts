import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { ConnectionIdentity, WebSocketAuthorizerEvent } from '../src/realtime/authorizer.ts';
import type { WebSocketRouteEvent } from '../src/realtime/routes.ts';

/** What API Gateway knows about a socket, as its events carry it. */
export interface SocketInfo {
  connectionId: string;
  connectedAt: number;
  stage: string;
  domainName: string;
  identity?: ConnectionIdentity & { principalId: string };
}

const apiId = 'local';

function singleHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    if (value !== undefined) headers[name] = value.join(',');
  }
  return headers;
}

/** The REQUEST authorizer event of a WebSocket API's $connect (identity source: the query). */
export function authorizerEvent(req: IncomingMessage, info: SocketInfo): WebSocketAuthorizerEvent {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  return {
    type: 'REQUEST',
    methodArn: `arn:aws:execute-api:local:000000000000:${apiId}/${info.stage}/$connect`,
    headers: singleHeaders(req),
    queryStringParameters: Object.fromEntries(url.searchParams),
    requestContext: { connectionId: info.connectionId, routeKey: '$connect', eventType: 'CONNECT' },
  };
}

const eventTypes = { $connect: 'CONNECT', $disconnect: 'DISCONNECT' } as const;

/** A route event: $connect, $disconnect, or a message routed by its `action`. */
export function routeEvent(info: SocketInfo, routeKey: string, body?: string): WebSocketRouteEvent {
  const now = Date.now();
  return {
    requestContext: {
      routeKey,
      eventType: eventTypes[routeKey as keyof typeof eventTypes] ?? 'MESSAGE',
      connectionId: info.connectionId,
      connectedAt: info.connectedAt,
      requestTimeEpoch: now,
      stage: info.stage,
      domainName: info.domainName,
      apiId,
      requestId: randomUUID(),
      ...(info.identity && { authorizer: { ...info.identity } }),
    },
    ...(body !== undefined && { body }),
    isBase64Encoded: false,
  };
}
