import { createServer } from 'node:http';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../local/http.ts';
import { startLocalStack } from '../../local/stack.ts';
import { signIn } from './sign-in.ts';

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0);
  await closeServer(probe);
  return port;
}

describe('startLocalStack', () => {
  it('fails on a busy port and leaves nothing running', async () => {
    const busy = createServer();
    const busyPort = await listen(busy, 0);
    const dynamoPort = await freePort();
    try {
      await expect(
        startLocalStack({
          dataDir: null,
          webDist: null,
          quiet: true,
          appPort: busyPort,
          dynamoPort,
        }),
      ).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await closeServer(busy);
    }
    const stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true, dynamoPort });
    expect(stack.dynamoEndpoint).toBe(`http://127.0.0.1:${dynamoPort}`);
    await stack.stop();
    await stack.stop();
  });

  it('issues ID tokens with the configured lifetime; the gateway refuses them once expired', async () => {
    const stack = await startLocalStack({
      dataDir: null,
      webDist: null,
      quiet: true,
      idTokenTtlSeconds: 1,
    });
    try {
      const { idToken } = await signIn(stack, 'alice@example.com', 'chatscape');
      const claims = decodeJwt(idToken);
      expect(Number(claims.exp) - Number(claims.iat)).toBe(1);
      await new Promise((resolve) =>
        setTimeout(resolve, Number(claims.exp) * 1000 - Date.now() + 1100),
      );
      const res = await fetch(`${stack.apiURL}/sync`, {
        method: 'POST',
        headers: { authorization: `Bearer ${idToken}` },
        body: '{}',
      });
      expect(res.status).toBe(401);
    } finally {
      await stack.stop();
    }
  });
});
