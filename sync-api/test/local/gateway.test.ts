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
import { createGatewayListener } from '../../local/gateway.ts';
import { closeServer, listen } from '../../local/http.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
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
  fetch(`${stack.apiURL}/sync`, {
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
      appURL: stack.appURL,
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
        appURL: stack.appURL,
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

describe('routes, limits and CORS', () => {
  const preflight = (origin: string) =>
    fetch(`${stack.apiURL}/sync`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });

  it('answers the preflight from the app origin only', async () => {
    const ok = await preflight(stack.appURL);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(stack.appURL);
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST');
    expect(ok.headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(Number(ok.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(ok.headers.get('vary')).toBe('Origin');

    const evil = await preflight('http://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds the allow-origin header to answers for the app, even a 401', async () => {
    const fromApp = await sync(null, { headers: { origin: stack.appURL } });
    expect(fromApp.status).toBe(401);
    expect(fromApp.headers.get('access-control-allow-origin')).toBe(stack.appURL);
    const fromEvil = await sync(aliceToken, { headers: { origin: 'http://evil.example' } });
    expect(fromEvil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers 404 Not Found for other routes', async () => {
    for (const [method, path] of [
      ['GET', '/sync'],
      ['POST', '/sync/'],
      ['POST', '/other'],
    ]) {
      const res = await fetch(`${stack.apiURL}${path}`, {
        method,
        headers: { authorization: `Bearer ${aliceToken}` },
      });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ message: 'Not Found' });
    }
  });

  it('refuses a body over 10 MB with 413', async () => {
    const res = await sync(aliceToken, { body: 'x'.repeat(10 * 1024 * 1024 + 1) });
    expect(res.status).toBe(413);
  });
});
