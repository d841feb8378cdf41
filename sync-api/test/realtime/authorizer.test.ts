import {
  type CryptoKey,
  decodeJwt,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WebSocketAuthorizerEvent } from '../../src/realtime/authorizer.ts';
import { createAuthorizerHandler } from '../../src/realtime/entry.ts';

const issuer = 'http://127.0.0.1:9/pool';
const audience = 'chatscape-app';
const now = () => Math.floor(Date.now() / 1000);

let privateKey: CryptoKey;
let publicKey: CryptoKey;
let publicJwk: JWK;
const reasons: string[] = [];
let authorize: ReturnType<typeof createAuthorizerHandler>;

const claims = (): JWTPayload => ({
  iss: issuer,
  aud: audience,
  sub: 'alice-sub',
  email: 'alice@example.com',
  email_verified: true,
  token_use: 'id',
  iat: now(),
  exp: now() + 3600,
});

const mint = (overrides: JWTPayload = {}) =>
  new SignJWT({ ...claims(), ...overrides })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .sign(privateKey);

const event = (token: string | null, clientId?: string): WebSocketAuthorizerEvent => ({
  type: 'REQUEST',
  methodArn: 'arn:aws:execute-api:eu-west-1:1:api/live/$connect',
  queryStringParameters: {
    ...(token !== null && { token }),
    ...(clientId !== undefined && { clientId }),
  },
  requestContext: { connectionId: 'c1', routeKey: '$connect', eventType: 'CONNECT' },
});

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  privateKey = pair.privateKey;
  publicKey = pair.publicKey;
  publicJwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256' };
  authorize = createAuthorizerHandler({
    issuer,
    audience,
    jwks: { keys: [publicJwk] },
    onRefused: (reason) => reasons.push(reason),
  });
});

describe('the $connect REQUEST authorizer', () => {
  // The HTTP API's forged tokens (test/local/gateway.test.ts), plus the handler's own rules.
  // [case, token, the logged reason: each case must fail for its own reason, not an earlier one]
  const rejected: [string, () => Promise<string | null>, RegExp][] = [
    ['a missing token', async () => null, /missing token/],
    ['a malformed token', async () => 'not.a.jwt', /invalid/],
    ['an expired token', () => mint({ iat: now() - 7200, exp: now() - 3600 }), /"exp"/],
    ['a wrong issuer', () => mint({ iss: 'http://127.0.0.1:1' }), /"iss"/],
    ['a wrong audience', () => mint({ aud: 'someone-else' }), /"aud"/],
    [
      'a tampered payload',
      async () => {
        const [header, , signature] = (await mint()).split('.');
        const forged = { ...claims(), email: 'bob@example.com' };
        return `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
      },
      /signature verification failed/,
    ],
    ['alg "none"', async () => new UnsecuredJWT(decodeJwt(await mint())).encode(), /"alg"/],
    [
      'HS256 keyed with the public key',
      async () => {
        const secret = new TextEncoder().encode(await exportSPKI(publicKey));
        return new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(secret);
      },
      /"alg"/,
    ],
    ['an access token', () => mint({ token_use: 'access' }), /not an ID token/],
    ['an unverified email', () => mint({ email_verified: false }), /email not verified/],
    ['no email', () => mint({ email: undefined }), /bad email/],
  ];

  it.each(rejected)('refuses %s with "Unauthorized" (401)', async (_name, token, why) => {
    reasons.length = 0;
    await expect(authorize(event(await token()))).rejects.toThrow(/^Unauthorized$/);
    expect(reasons).toEqual([expect.stringMatching(why)]);
  });

  it('allows a valid ID token, naming the verified email and the client id', async () => {
    const result = await authorize(event(await mint(), 'b8a7c1d2-0000-4000-8000-000000000001'));
    expect(result.principalId).toBe('alice@example.com');
    expect(result.context).toEqual({
      email: 'alice@example.com',
      clientId: 'b8a7c1d2-0000-4000-8000-000000000001',
    });
    expect(result.policyDocument.Statement).toEqual([
      { Action: 'execute-api:Invoke', Effect: 'Allow', Resource: event(null).methodArn },
    ]);
  });

  it('ignores a malformed client id rather than trusting it', async () => {
    const result = await authorize(event(await mint(), 'x y/../'));
    expect(result.context.clientId).toBe('');
  });
});
