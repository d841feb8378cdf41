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
import { type DeploymentContract, contract as defaultContract } from './contract.ts';
import { BodyTooLargeError, readBody, sendJson } from './http.ts';
import { createJwtAuthorizer } from './jwt-authorizer.ts';
import { createTokenBucket, type TokenBucket } from './throttle.ts';

export interface GatewayOptions {
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
  /** Routes, throttling, limits and the Lambda timeout; default: sync-api/deployment.json. */
  contract?: DeploymentContract;
  /** The Lambda timeout in ms; default: the contract's lambda.timeoutSeconds. */
  lambdaTimeoutMs?: number;
  quiet?: boolean;
}

/**
 * What HTTP API answers when the Lambda invocation itself fails (function error, timeout,
 * a request event or a response over Lambda's 6,291,456-byte payload limit): a bare 500.
 */
const invocationFailed = { status: 500, body: { message: 'Internal Server Error' } } as const;

class LambdaTimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LambdaTimeoutError(`Task timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** The response Lambda hands back, as bytes: what its 6 MB payload limit counts. */
const resultBytes = (result: APIGatewayProxyStructuredResultV2) =>
  Buffer.byteLength(JSON.stringify(result));

function writeLambdaResult(
  res: ServerResponse,
  result: APIGatewayProxyStructuredResultV2,
  extra: OutgoingHttpHeaders,
) {
  const headers: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) {
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

interface Route {
  key: string;
  authorization: 'JWT' | 'NONE';
  bucket: TokenBucket;
}

function routesOf(c: DeploymentContract): Map<string, Route> {
  return new Map(
    Object.entries(c.api.routes).map(([key, r]) => [
      key,
      {
        key,
        authorization: r.authorization,
        bucket: createTokenBucket(r.throttlingBurstLimit, r.throttlingRateLimit),
      },
    ]),
  );
}

type Deps = {
  options: GatewayOptions;
  contract: DeploymentContract;
  routes: Map<string, Route>;
  authorize: ReturnType<typeof createJwtAuthorizer>;
};

async function invoke(deps: Deps, event: unknown, res: ServerResponse, extra: OutgoingHttpHeaders) {
  const { options, contract } = deps;
  const limit = contract.api.limits.lambdaPayloadBytes;
  const fail = (why: string, error?: unknown) => {
    if (!options.quiet) console.error(`sync handler failed: ${why}`, error ?? '');
    sendJson(res, invocationFailed.status, invocationFailed.body, extra);
  };
  if (Buffer.byteLength(JSON.stringify(event)) > limit) {
    return fail(`request event over Lambda's ${limit}-byte payload limit`);
  }
  const timeoutMs = options.lambdaTimeoutMs ?? contract.lambda.timeoutSeconds * 1000;
  let result: APIGatewayProxyStructuredResultV2;
  try {
    const run = Promise.resolve().then(() =>
      options.handler()(event as Parameters<SyncLambdaHandler>[0]),
    );
    result = await withTimeout(run, timeoutMs);
  } catch (error) {
    return fail(error instanceof LambdaTimeoutError ? error.message : 'function error', error);
  }
  if (resultBytes(result) > limit) {
    return fail(`response over Lambda's ${limit}-byte payload limit`);
  }
  writeLambdaResult(res, result, extra);
}

async function route(deps: Deps, req: IncomingMessage, res: ServerResponse) {
  const { contract, routes, authorize } = deps;
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const extra = { 'apigw-requestid': crypto.randomUUID() };
  // No CORS configuration (one origin): a preflight is just an unknown route.
  const matched = routes.get(`${req.method} ${url.pathname}`);
  if (!matched) return sendJson(res, 404, { message: 'Not Found' }, extra);
  if (!matched.bucket.take()) return sendJson(res, 429, { message: 'Too Many Requests' }, extra);
  let body: Buffer;
  try {
    body = await readBody(req, contract.api.limits.requestBodyBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    res.setHeader('connection', 'close');
    return sendJson(res, 413, { message: 'Request Entity Too Large' }, extra);
  }
  let claims = {};
  if (matched.authorization === 'JWT') {
    const verdict = await authorize(req.headers.authorization);
    if (!verdict.ok) {
      const challenge = `Bearer error="invalid_token", error_description="${verdict.reason.replaceAll('"', "'")}"`;
      return sendJson(
        res,
        401,
        { message: 'Unauthorized' },
        { ...extra, 'www-authenticate': challenge },
      );
    }
    claims = verdict.claims;
  }
  const event = buildApiGatewayEvent({
    req,
    routeKey: matched.key,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    body: body.toString('utf8'),
    claims,
  });
  await invoke(deps, event, res, extra);
}

/**
 * An HTTP API + Lambda stand-in, wired by the contract: its routes only, each throttled and
 * JWT-authorized as configured, API Gateway's request limit, then the function with a
 * payload-2.0 event under Lambda's timeout and payload limits.
 */
export function createGatewayListener(options: GatewayOptions): RequestListener {
  const contract = options.contract ?? defaultContract;
  const deps: Deps = {
    options,
    contract,
    routes: routesOf(contract),
    authorize: createJwtAuthorizer({
      issuer: options.authority,
      audience: [options.clientID],
      jwks: options.jwks,
    }),
  };
  return (req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      if (!options.quiet) console.error('gateway failed', error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
    });
  };
}
