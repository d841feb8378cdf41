// The real Lambda handler behind the gateway, on dynalite, reached as the web app reaches it:
// /sync on the app's own origin, proxied like CloudFront's second origin.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import type { SyncResponse } from '../../src/protocol/index.ts';
import { signIn } from './sign-in.ts';

let stack: LocalStack;
const tokens: Record<string, string> = {};
const rateLimitPerMinute = 5;

beforeAll(async () => {
  stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true, rateLimitPerMinute });
  for (const name of ['alice', 'bob', 'carol']) {
    tokens[name] = (await signIn(stack, `${name}@example.com`, 'chatscape')).idToken;
  }
});
afterAll(() => stack?.stop());

async function sync(
  user: string,
  mutations: Record<string, unknown>[] = [],
  cursor: string | null = null,
) {
  const res = await fetch(`${stack.appURL}/sync`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${tokens[user]}`,
      'content-type': 'application/json',
      origin: stack.appURL,
    },
    body: JSON.stringify({ v: 1, clientId: randomUUID(), cursor, mutations }),
  });
  return { res, body: (await res.json()) as SyncResponse & { message?: string } };
}

const send = (to: string, body: string, extra: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  type: 'message.send',
  to,
  body,
  sentAt: Date.now(),
  ...extra,
});

describe('sync through the gateway', () => {
  it('answers a valid request with results, changes, cursor and more', async () => {
    const { res, body } = await sync('alice');
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(body).toEqual({
      results: [],
      changes: { contacts: [], messages: [] },
      cursor: expect.any(String),
      more: false,
    });
  });

  it('never acts as another user named in the body', async () => {
    const forged = send('carol@example.com', 'forged', {
      from: 'bob@example.com',
      sender: 'bob@example.com',
    });
    const forgedContact = {
      id: randomUUID(),
      type: 'contact.add',
      email: 'carol@example.com',
      name: 'Planted',
      owner: 'bob@example.com',
    };
    const genuine = send('bob@example.com', 'hi bob');
    const { res, body } = await sync('alice', [forged, forgedContact, genuine]);
    expect(res.status).toBe(200);
    expect(body.results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'applied']);

    const bob = (await sync('bob')).body;
    expect(bob.changes.messages.map((m) => [m.sender, m.recipient, m.body])).toEqual([
      ['alice@example.com', 'bob@example.com', 'hi bob'],
    ]);
    expect(bob.changes.contacts.map((c) => c.email)).not.toContain('carol@example.com');

    const carol = (await sync('carol')).body;
    expect(carol.changes.messages).toEqual([]);
  });

  it('rejects a body over 256 KB with 413 from the handler', async () => {
    const { res, body } = await sync('alice', [send('bob@example.com', 'x'.repeat(300 * 1024))]);
    expect(res.status).toBe(413);
    expect(body.message).toMatch(/bytes/);
  });

  it('rate-limits sends with a 429 whose Retry-After the app can read', async () => {
    // What fits the limit is applied (issue 10 item 6); a batch when none fits is a 429.
    const batch = Array.from({ length: rateLimitPerMinute }, (_, i) =>
      send('alice@example.com', `spam ${i}`),
    );
    expect((await sync('carol', batch)).res.status).toBe(200);
    const { res } = await sync('carol', [send('alice@example.com', 'one more')]);
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    // Same origin: the app reads Retry-After without any CORS exposure.
    expect(res.headers.get('access-control-expose-headers')).toBeNull();
  });
});
