import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import {
  type CryptoKey,
  decodeJwt,
  exportSPKI,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, resolveContract } from '../../local/contract.ts';
import { createGatewayListener } from '../../local/gateway.ts';
import { closeServer, listen } from '../../local/http.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import type { SyncLambdaHandler } from '../../src/handler.ts';
import { signIn } from './sign-in.ts';

let dataDir: string;
let stack: LocalStack;
let signingKey: JWK;
let aliceToken: string;

beforeAll(async () => {
  // A data dir (not memory) so the test can read the provider's private key and mint tokens
  // with a valid signature but a bad issuer, audience or expiry.
  dataDir = await mkdtemp(join(tmpdir(), 'chatscape-gateway-'));
  stack = await startLocalStack({ dataDir, webDist: null, quiet: true });
  const keys = JSON.parse(await readFile(join(dataDir, 'oidc-keys.json'), 'utf8'));
  signingKey = keys.keys[0];
  aliceToken = (await signIn(stack, 'alice@example.com', 'chatscape')).idToken;
});
afterAll(async () => {
  await stack?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

const sync = (token: string | null, init: RequestInit = {}) =>
  fetch(`${stack.apiEndpoint}/sync`, {
    method: 'POST',
    body: '{}',
    ...init,
    headers: {
      'content-type': 'application/json',
      ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      ...init.headers,
    },
  });

async function mint(overrides: JWTPayload) {
  const claims = { ...decodeJwt(aliceToken), ...overrides };
  const key = await importJWK(signingKey, 'RS256');
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: signingKey.kid }).sign(key);
}

describe('JWT authorizer', () => {
  const now = () => Math.floor(Date.now() / 1000);
  // [case, token, why: checked so each case fails for its own reason, not an earlier one]
  const rejected: [string, () => Promise<string | null>, RegExp][] = [
    ['a missing Authorization header', async () => null, /missing token/],
    ['a malformed token', async () => 'not.a.jwt', /invalid/],
    ['an expired token', () => mint({ iat: now() - 7200, exp: now() - 3600 }), /'exp'/],
    ['a wrong issuer', () => mint({ iss: 'http://127.0.0.1:1' }), /'iss'/],
    ['a wrong audience', () => mint({ aud: 'someone-else' }), /audience/],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = aliceToken.split('.');
        const forged = { ...decodeJwt(aliceToken), email: 'bob@example.com' };
        return `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
      },
      /signature verification failed/,
    ],
    ['alg "none"', async () => new UnsecuredJWT(decodeJwt(aliceToken)).encode(), /'alg'/],
    [
      'HS256 keyed with the public key',
      async () => {
        const publicKey = await importJWK(
          { kty: 'RSA', n: signingKey.n, e: signingKey.e },
          'RS256',
        );
        const secret = new TextEncoder().encode(await exportSPKI(publicKey as CryptoKey));
        return new SignJWT(decodeJwt(aliceToken))
          .setProtectedHeader({ alg: 'HS256', kid: signingKey.kid })
          .sign(secret);
      },
      /'alg'/,
    ],
  ];

  it.each(rejected)('answers 401 Unauthorized for %s', async (_name, token, why) => {
    const res = await sync(await token());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: 'Unauthorized' });
    expect(res.headers.get('www-authenticate')).toMatch(why);
  });

  it('lets a token minted with the real key and claims through', async () => {
    const res = await sync(await mint({}));
    expect(res.status).not.toBe(401);
  });
});

describe('payload-2.0 event', () => {
  let spyServer: Server;
  let spyURL: string;
  const events: APIGatewayProxyEventV2WithJWTAuthorizer[] = [];

  beforeAll(async () => {
    const jwks = (await (await fetch(`${stack.authority}/jwks`)).json()) as JSONWebKeySet;
    const listener = createGatewayListener({
      authority: stack.authority,
      clientID: stack.clientID,
      jwks,
      quiet: true,
      handler: () => async (event) => {
        events.push(event);
        return { statusCode: 202, headers: { 'x-seen': 'yes' }, body: '{"ok":true}' };
      },
    });
    spyServer = createServer(listener);
    spyURL = `http://127.0.0.1:${await listen(spyServer, 0)}`;
  });
  afterAll(() => closeServer(spyServer));

  it('carries every claim as a string, like API Gateway', async () => {
    const res = await fetch(`${spyURL}/sync`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${aliceToken}`,
        'Content-Type': 'application/json',
        'X-Custom-Header': 'Value',
        'User-Agent': 'gateway-test',
      },
      body: '{"hello":"world"}',
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-seen')).toBe('yes');
    expect(await res.json()).toEqual({ ok: true });
    const event = events.at(-1);
    if (!event) throw new Error('handler not invoked');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /sync',
      rawPath: '/sync',
      body: '{"hello":"world"}',
      isBase64Encoded: false,
      headers: { 'x-custom-header': 'Value', 'content-type': 'application/json' },
    });
    expect(event.requestContext.http).toMatchObject({
      method: 'POST',
      path: '/sync',
      sourceIp: '127.0.0.1',
      userAgent: 'gateway-test',
    });
    const { claims, scopes } = event.requestContext.authorizer.jwt;
    expect(scopes).toBeNull();
    expect(claims.email).toBe('alice@example.com');
    expect(claims.email_verified).toBe('true');
    expect(claims.token_use).toBe('id');
    expect(claims.aud).toBe(stack.clientID);
    expect(claims.exp).toBe(String(decodeJwt(aliceToken).exp));
    for (const value of Object.values(claims)) expect(typeof value).toBe('string');
  });

  it('turns a throwing function into a 500 without details', async () => {
    const failing = createServer(
      createGatewayListener({
        authority: stack.authority,
        clientID: stack.clientID,
        jwks: (await (await fetch(`${stack.authority}/jwks`)).json()) as JSONWebKeySet,
        quiet: true,
        handler: () => {
          throw new Error('cold start failed: secret detail');
        },
      }),
    );
    try {
      const url = `http://127.0.0.1:${await listen(failing, 0)}/sync`;
      const res = await fetch(url, { method: 'POST', headers: { authorization: aliceToken } });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    } finally {
      await closeServer(failing);
    }
  });
});

describe('routes and limits', () => {
  it('has no CORS: a preflight is an unknown route, no answer carries allow-origin', async () => {
    const preflight = await fetch(`${stack.apiEndpoint}/sync`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const fromApp = await sync(aliceToken, { headers: { origin: stack.appURL } });
    expect(fromApp.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 404 Not Found for other routes', async () => {
    for (const [method, path] of [
      ['GET', '/sync'],
      ['POST', '/sync/'],
      ['POST', '/other'],
    ]) {
      const res = await fetch(`${stack.apiEndpoint}${path}`, {
        method,
        headers: { authorization: `Bearer ${aliceToken}` },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: 'Not Found' });
    }
  });

  it("refuses a body over API Gateway's 10 MB with 413", async () => {
    const res = await sync(aliceToken, {
      body: 'x'.repeat(stack.contract.api.limits.requestBodyBytes + 1),
    });
    expect(res.status).toBe(413);
  });
});

describe('Lambda limits and route throttling, as the contract configures them', () => {
  const servers: Server[] = [];
  afterAll(() => Promise.all(servers.map(closeServer)));

  async function gateway(
    handler: SyncLambdaHandler,
    extra: Partial<Parameters<typeof createGatewayListener>[0]> = {},
  ) {
    const server = createServer(
      createGatewayListener({
        authority: stack.authority,
        clientID: stack.clientID,
        jwks: (await (await fetch(`${stack.authority}/jwks`)).json()) as JSONWebKeySet,
        quiet: true,
        handler: () => handler,
        ...extra,
      }),
    );
    servers.push(server);
    const url = `http://127.0.0.1:${await listen(server, 0)}/sync`;
    return (body = '{}') =>
      fetch(url, { method: 'POST', headers: { authorization: `Bearer ${aliceToken}` }, body });
  }

  const limit = contract.api.limits.lambdaPayloadBytes;
  const ok: SyncLambdaHandler = async () => ({ statusCode: 200, body: '{}' });

  it('answers 500 Internal Server Error, as HTTP API does, for a response over 6,291,456 bytes', async () => {
    expect(limit).toBe(6_291_456);
    // The body alone fits under the limit; with the response envelope it does not.
    const big = `"${'a'.repeat(limit - 20)}"`;
    const call = await gateway(async () => ({ statusCode: 200, body: big }));
    const res = await call();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    const fits = await gateway(async () => ({
      statusCode: 200,
      body: `"${'a'.repeat(limit - 200)}"`,
    }));
    expect((await fits()).status).toBe(200);
  });

  it('answers 500 for a request event over the Lambda payload limit, 413 only past 10 MB', async () => {
    const call = await gateway(ok);
    const res = await call('x'.repeat(limit));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
    expect((await call('x'.repeat(1000))).status).toBe(200);
  });

  it('answers 500 when the function runs past its timeout', async () => {
    const call = await gateway(() => new Promise(() => {}), { lambdaTimeoutMs: 50 });
    const res = await call();
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ message: 'Internal Server Error' });
  });

  it("throttles the route with the contract's burst: 429 Too Many Requests past it", async () => {
    const tight = resolveContract({
      api: {
        routes: {
          'POST /sync': {
            authorization: 'JWT',
            throttlingBurstLimit: 3,
            throttlingRateLimit: 0.001,
          },
        },
      },
    });
    const call = await gateway(ok, { contract: tight });
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await call()).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    const res = await call();
    expect(await res.json()).toEqual({ message: 'Too Many Requests' });
  });
});
