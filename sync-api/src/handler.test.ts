import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { configFromEnv, createLambdaHandler, namespaceFromClaims } from './handler.ts';

const claims = {
  email: 'Alice@Example.com',
  email_verified: 'true',
  token_use: 'id',
  'cognito:username': 'abc',
};

describe('identity from verified claims', () => {
  it('takes the lowercased email when it is verified and the token is an ID token', () => {
    expect(namespaceFromClaims(claims)).toBe('alice@example.com');
  });

  it.each([
    ['unverified email', { ...claims, email_verified: 'false' }],
    ['access token', { ...claims, token_use: 'access' }],
    ['no email', { ...claims, email: undefined }],
    ['an email with the separator', { ...claims, email: 'a:::b@example.com' }],
    // U+212A KELVIN SIGN would lowercase onto kate@example.com, another person's namespace.
    [
      'a non-ASCII email that folds onto an ASCII one',
      { ...claims, email: '\u212Aate@example.com' },
    ],
    ['no claims', undefined],
  ])('refuses %s', (_, c) => {
    expect(namespaceFromClaims(c as Record<string, unknown> | undefined)).toBeNull();
  });

  it('answers 401 without claims and never touches the store', async () => {
    const handler = createLambdaHandler(
      configFromEnv({
        CONTACTS_TABLE: 'c',
        MESSAGES_TABLE: 'm',
        REPORTS_TABLE: 'r',
        RECEIPTS_TABLE: 'x',
        IDENTITIES_TABLE: 'i',
        ALLOWED_ORIGIN: 'https://app.example.com',
        DYNAMODB_ENDPOINT: 'http://127.0.0.1:9',
      }),
    );
    const event = {
      requestContext: {},
      body: '{}',
    } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
    const res = await handler(event);
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body as string)).toEqual({ message: 'Unauthorized' });
  });

  it('fails loudly at init when configuration is missing', () => {
    expect(() => configFromEnv({})).toThrow(/CONTACTS_TABLE/);
    expect(() =>
      configFromEnv({
        CONTACTS_TABLE: 'c',
        MESSAGES_TABLE: 'm',
        REPORTS_TABLE: 'r',
        RECEIPTS_TABLE: 'x',
        IDENTITIES_TABLE: 'i',
        ALLOWED_ORIGIN: 'o',
        OVERLAP_MS: 'soon',
      }),
    ).toThrow(/OVERLAP_MS/);
  });

  it.each([
    ['RATE_LIMIT_PER_MINUTE', '0'],
    ['RATE_LIMIT_PER_MINUTE', '-5'],
    ['RATE_LIMIT_PER_MINUTE', '1.5'],
    ['RATE_LIMIT_PER_MINUTE', '50 per minute'],
    ['CONTACT_WRITES_PER_MINUTE', '0'],
    ['OVERLAP_MS', '-1'],
  ])('refuses %s=%s at init', (name, value) => {
    const env = {
      CONTACTS_TABLE: 'c',
      MESSAGES_TABLE: 'm',
      REPORTS_TABLE: 'r',
      RECEIPTS_TABLE: 'x',
      IDENTITIES_TABLE: 'i',
      ALLOWED_ORIGIN: 'o',
      [name]: value,
    };
    expect(() => configFromEnv(env)).toThrow(new RegExp(name));
  });

  it('takes the defaults and valid settings', () => {
    const base = {
      CONTACTS_TABLE: 'c',
      MESSAGES_TABLE: 'm',
      REPORTS_TABLE: 'r',
      RECEIPTS_TABLE: 'x',
      IDENTITIES_TABLE: 'i',
      ALLOWED_ORIGIN: 'o',
    };
    expect(configFromEnv(base)).toMatchObject({
      overlapMs: 5000,
      rateLimitPerMinute: 600,
      contactWritesPerMinute: 60,
    });
    expect(configFromEnv({ ...base, RATE_LIMIT_PER_MINUTE: '50', OVERLAP_MS: '0' })).toMatchObject({
      rateLimitPerMinute: 50,
      overlapMs: 0,
    });
  });
});
