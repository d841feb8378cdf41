import { createServer, request } from 'node:http';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../local/http.ts';
import { startLocalStack } from '../../local/stack.ts';
import { SignInRejectedError, signIn } from './sign-in.ts';

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

/** A request as a DNS-rebinding page would send it: to 127.0.0.1:<port>, named otherwise. */
function withHost(url: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the stack serves only its own names', () => {
  it('refuses any other Host on the app, the API, the provider and dynalite', async () => {
    const stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true });
    try {
      const servers = {
        app: `${stack.appURL}/config.json`,
        api: `${stack.apiEndpoint}/sync`,
        oidc: `${stack.authority}/.well-known/openid-configuration`,
        dynamo: `${stack.dynamoEndpoint}/`,
      };
      for (const [name, url] of Object.entries(servers)) {
        const port = new URL(url).port;
        for (const host of [`evil.example:${port}`, `localhost:${port}`, 'evil.example']) {
          expect(await withHost(url, host), `${name} with Host "${host}"`).toBe(421);
        }
        expect(await withHost(url, `127.0.0.1:${port}`), name).not.toBe(421);
      }
    } finally {
      await stack.stop();
    }
  });
});

describe('the dev provider registers the client from the contract', () => {
  it('signs in with the redirect path the contract names', async () => {
    const stack = await startLocalStack({ dataDir: null, webDist: null, quiet: true });
    try {
      const { idToken } = await signIn(stack, 'alice@example.com', 'chatscape');
      expect(decodeJwt(idToken).email).toBe('alice@example.com');
      // Nothing else is registered: not the app root, as the Cognito client once was.
      await expect(
        signIn(stack, 'alice@example.com', 'chatscape', { redirectPath: '/' }),
      ).rejects.toBeInstanceOf(SignInRejectedError);
    } finally {
      await stack.stop();
    }
  });

  it('fails the sign-in with redirect_uri errors when the contract names another path', async () => {
    const stack = await startLocalStack({
      dataDir: null,
      webDist: null,
      quiet: true,
      contract: { oauth: { redirectPath: '/somewhere-else' } },
    });
    try {
      // The app's callback route is /callback; the contract now registers something else.
      const attempt = signIn(stack, 'alice@example.com', 'chatscape', {
        redirectPath: '/callback',
      });
      const error = await attempt.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignInRejectedError);
      expect((error as SignInRejectedError).status).toBe(400);
      expect((error as SignInRejectedError).page).toContain(
        'redirect_uri did not match any of the client',
      );
    } finally {
      await stack.stop();
    }
  });
});
