import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { formatReports, listReports } from '../../scripts/list-reports.ts';
import { v7 } from '../harness.ts';
import { signIn } from './sign-in.ts';

let stack: LocalStack;
beforeAll(async () => {
  stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true });
});
afterAll(() => stack?.stop());

describe('npm run reports', () => {
  it("lists the local stack's reports, newest first", async () => {
    const env = { CHATSCAPE_DYNAMO_PORT: new URL(stack.dynamoEndpoint).port };
    expect(await listReports(env)).toEqual([]);
    const { idToken } = await signIn(stack, 'alice@example.com', 'chatscape');
    // Reported someone alice added (reports about strangers may be refused).
    const add = { id: v7(), type: 'contact.add', email: 'bob@example.com', name: 'Bob' };
    const report = {
      id: v7(), // contact changes are named with UUIDv7s, as the app names them
      type: 'contact.report',
      email: 'bob@example.com',
      reason: 'spam',
    };
    const res = await fetch(`${stack.appURL}/sync`, {
      method: 'POST',
      headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        v: 1,
        clientId: randomUUID(),
        cursor: null,
        mutations: [add, report],
      }),
    });
    expect(res.status).toBe(200);
    const reports = await listReports(env);
    expect(reports).toMatchObject([
      { reporter: 'alice@example.com', reported: 'bob@example.com', id: report.id },
    ]);
    expect(formatReports(reports)).toContain('alice@example.com reported bob@example.com');
  });
});
