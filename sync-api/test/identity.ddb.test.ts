import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLambdaHandler } from '../src/handler.ts';
import { startDynalite } from './dynalite.ts';
import { randomUUID, send } from './harness.ts';

let db: Awaited<ReturnType<typeof startDynalite>>;
beforeAll(async () => {
  db = await startDynalite();
});
afterAll(() => db.stop());

function event(email: string, sub: string, mutations: unknown[] = []) {
  return {
    requestContext: {
      authorizer: { jwt: { claims: { email, email_verified: 'true', token_use: 'id', sub } } },
    },
    body: JSON.stringify({ v: 1, clientId: randomUUID(), cursor: null, mutations }),
  } as unknown as APIGatewayProxyEventV2WithJWTAuthorizer;
}

describe('a namespace belongs to the first account that claims its email', () => {
  it('refuses another sub with the same email (403, clear message), keeps serving the first', async () => {
    const store = await db.freshStore();
    const config = {
      tables: store.tableNames,
      allowedOrigin: 'https://app.example.com',
      overlapMs: 5000,
      rateLimitPerMinute: 600,
    };
    const first = createLambdaHandler(config, db.client);
    const ok = await first(event('kate@example.com', 'sub-kate', [send('bob@example.com', 'hi')]));
    expect(ok.statusCode).toBe(200);
    // Another Lambda instance (no cache), another account presenting the same address.
    const other = createLambdaHandler(config, db.client);
    const taken = await other(event('Kate@Example.com', 'sub-someone-else'));
    expect(taken.statusCode).toBe(403);
    expect(JSON.parse(taken.body as string).message).toMatch(/another account.*operator/);
    // Two new accounts racing for one fresh address: exactly one wins.
    const racers = await Promise.all(
      ['sub-a', 'sub-b'].map((sub) =>
        createLambdaHandler(config, db.client)(event('new@example.com', sub)),
      ),
    );
    expect(racers.map((r) => r.statusCode).sort()).toEqual([200, 403]);
    expect((await other(event('kate@example.com', 'sub-kate'))).statusCode).toBe(200);
    // No sub in the claims: 401.
    expect((await other(event('kate@example.com', ''))).statusCode).toBe(401);
  });
});
