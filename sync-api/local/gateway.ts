import { randomUUID } from 'node:crypto';
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  RequestListener,
  ServerResponse,
} from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { JSONWebKeySet } from 'jose';
import type { SyncLambdaHandler } from '../src/handler.ts';
import { buildApiGatewayEvent } from './api-gateway-event.ts';
import { BodyTooLargeError, readBody, sendJson } from './http.ts';
import { createJwtAuthorizer } from './jwt-authorizer.ts';

/** API Gateway's payload limit; the handler enforces the protocol's much smaller one. */
export const maxPayloadBytes = 10 * 1024 * 1024;
export const routeKey = 'POST /sync';
export const corsMaxAgeSeconds = 600;

export interface GatewayOptions {
  /** The only origin CORS allows, e.g. http://127.0.0.1:8080. */
  appURL: string;
  /** The JWT authorizer's issuer. */
  authority: string;
  /** The JWT authorizer's audience. */
  clientID: string;
  /** The issuer's public keys. */
  jwks: JSONWebKeySet;
  /**
   * The Lambda function. Called per request so a failing init (like a Lambda cold start that
   * throws) becomes a 500 for that request instead of a dead stack; memoize inside.
   */
  handler: () => SyncLambdaHandler;
  quiet?: boolean;
}

/** The HTTP API's CORS configuration: one allowed origin, POST, two request headers. */
function corsHeaders(req: IncomingMessage, appOrigin: string): OutgoingHttpHeaders {
  if (req.headers.origin !== appOrigin) return { vary: 'Origin' };
  return {
    vary: 'Origin',
    'access-control-allow-origin': appOrigin,
    // The client honours Retry-After on 429, so it must be readable cross-origin.
    'access-control-expose-headers': 'retry-after',
  };
}

function preflight(req: IncomingMessage, res: ServerResponse, appOrigin: string) {
  if (req.headers.origin !== appOrigin) {
    sendJson(res, 403, { message: 'Forbidden' }, { vary: 'Origin' });
    return;
  }
  res.writeHead(204, {
    ...corsHeaders(req, appOrigin),
    'access-control-allow-methods': 'POST',
    'access-control-allow-headers': 'authorization,content-type',
    'access-control-max-age': String(corsMaxAgeSeconds),
  });
  res.end();
}

function writeLambdaResult(
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  extra: OutgoingHttpHeaders,
) {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
    // API Gateway's CORS configuration overrides whatever the function says.
    if (!name.toLowerCase().startsWith('access-control-'))
      headers[name.toLowerCase()] = String(value);
  }
  if (result.cookies?.length) headers['set-cookie'] = result.cookies;
  const body = Buffer.from(result.body ?? '', result.isBase64Encoded ? 'base64' : 'utf8');
  res.writeHead(result.statusCode ?? 200, {
    'content-type': 'application/json',
    ...headers,
    ...extra,
    'content-length': body.length,
  });
  res.end(body);
}

async function route(
  options: GatewayOptions,
  authorize: ReturnType<typeof createJwtAuthorizer>,
  req: IncomingMessage,
  res: ServerResponse,
) {
  const appOrigin = new URL(options.appURL).origin;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const requestId = randomUUID();
  const cors = { ...corsHeaders(req, appOrigin), 'apigw-requestid': requestId };
  if (req.method === 'OPTIONS') return preflight(req, res, appOrigin);
  if (`${req.method} ${url.pathname}` !== routeKey) {
    return sendJson(res, 404, { message: 'Not Found' }, cors);
  }
  let body: Buffer;
  try {
    body = await readBody(req, maxPayloadBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    res.setHeader('connection', 'close');
    return sendJson(res, 413, { message: 'Request Entity Too Large' }, cors);
  }
  const verdict = await authorize(req.headers.authorization);
  if (!verdict.ok) {
    const challenge = `Bearer error="invalid_token", error_description="${verdict.reason.replaceAll('"', "'")}"`;
    return sendJson(
      res,
      401,
      { message: 'Unauthorized' },
      { ...cors, 'www-authenticate': challenge },
    );
  }
  const event = buildApiGatewayEvent({
    req,
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    body: body.toString('utf8'),
    claims: verdict.claims,
  });
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await options.handler()(event);
  } catch (error) {
    if (!options.quiet) console.error('sync handler failed', error);
    return sendJson(res, 500, { message: 'Internal Server Error' }, cors);
  }
  writeLambdaResult(res, result, cors);
}

/** An HTTP API stand-in: CORS, the JWT authorizer, then the Lambda with a payload-2.0 event. */
export function createGatewayListener(options: GatewayOptions): RequestListener {
  const authorize = createJwtAuthorizer({
    issuer: options.authority,
    audience: [options.clientID],
    jwks: options.jwks,
  });
  return (req, res) => {
    route(options, authorize, req, res).catch((error: unknown) => {
      if (!options.quiet) console.error('gateway failed', error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
    });
  };
}
