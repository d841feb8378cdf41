import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { JWTPayload } from 'jose';

/**
 * API Gateway hands every JWT claim to the Lambda as a string: `true` → "true", numbers as
 * digits, arrays as "[a b]". The handler must cope with exactly that, so we do the same.
 */
export function stringifyClaims(claims: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(claims)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) out[name] = `[${value.join(' ')}]`;
    else if (typeof value === 'object' && value !== null) out[name] = JSON.stringify(value);
    else out[name] = String(value);
  }
  return out;
}

function requestTime(now: Date): string {
  const [, day, month, year, time] = now.toUTCString().split(' ');
  return `${day}/${month}/${year}:${time} +0000`;
}

function lowercasedHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headersDistinct)) {
    // Payload 2.0 moves cookies into their own field; repeated headers are comma-joined.
    if (name === 'cookie' || value === undefined) continue;
    headers[name] = value.join(',');
  }
  return headers;
}

export interface EventInput {
  req: IncomingMessage;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  body: string;
  claims: JWTPayload;
}

/** The payload-2.0 event API Gateway's HTTP API builds for a JWT-authorized route. */
export function buildApiGatewayEvent(input: EventInput): APIGatewayProxyEventV2WithJWTAuthorizer {
  const { req } = input;
  const now = new Date();
  const headers = lowercasedHeaders(req);
  const cookies = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .filter(Boolean);
  const query = new URLSearchParams(input.rawQueryString);
  return {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: input.rawPath,
    rawQueryString: input.rawQueryString,
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(input.rawQueryString ? { queryStringParameters: Object.fromEntries(query) } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      authorizer: {
        principalId: '',
        integrationLatency: 0,
        // API Gateway sends null when the route requires no scopes.
        jwt: { claims: stringifyClaims(input.claims), scopes: null as unknown as string[] },
      },
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: (headers.host ?? '127').split('.')[0] ?? '127',
      http: {
        method: req.method ?? 'POST',
        path: input.rawPath,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(input.body ? { body: input.body } : {}),
    isBase64Encoded: false,
  };
}
