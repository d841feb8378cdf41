import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppListener } from '../../local/app-server.ts';
import { contract } from '../../local/contract.ts';
import { closeServer, listen } from '../../local/http.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';
import { signIn } from './sign-in.ts';

const BIG_JS = `console.log("${'x'.repeat(5000)}");`;
let root: string;
let stack: LocalStack;

beforeAll(async () => {
  // <root>/secret.txt sits next to <root>/dist: the traversal target.
  root = await mkdtemp(join(tmpdir(), 'chatscape-app-'));
  const dist = join(root, 'dist');
  await mkdir(join(dist, 'assets'), { recursive: true });
  await writeFile(join(root, 'secret.txt'), 'TOP SECRET');
  await writeFile(join(dist, 'index.html'), '<!doctype html><title>ChatScape</title>');
  await writeFile(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  await writeFile(join(dist, 'manifest.webmanifest'), '{"name":"ChatScape"}');
  await writeFile(join(dist, 'assets', 'index-abc123.js'), 'console.log(1);');
  // Over CloudFront's 1,000-byte compression threshold, and compressible.
  await writeFile(join(dist, 'assets', 'big-def456.js'), BIG_JS);
  await writeFile(join(dist, 'icon-192.png'), Buffer.alloc(2000, 1));
  stack = await startLocalStack({ dataDir: null, webDist: dist, quiet: true });
});
afterAll(async () => {
  await stack?.stop();
  await rm(root, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) => fetch(`${stack.appURL}${path}`, init);

/** A raw request: fetch would normalise the path before sending it. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${stack.appURL}/`, { path }, (res) => {
      let body = '';
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('app server', () => {
  it('generates /config.json from the contract: the API on the app origin, sign-out endpoints', async () => {
    const res = await get('/config.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const config = (await res.json()) as Record<string, unknown>;
    // Exactly the contract's fields: Terraform's config.json is held to the same list.
    expect(Object.keys(config).sort()).toEqual([...contract.appConfig.fields].sort());
    expect(config).toEqual({
      apiURL: stack.appURL,
      authority: stack.authority,
      clientID: 'chatscape-local',
      scope: contract.oauth.scopes.join(' '),
      redirectPath: contract.oauth.redirectPath,
      postLogoutPath: contract.oauth.postLogoutPath,
      endSessionEndpoint: `${stack.authority}/session/end`,
      revocationEndpoint: `${stack.authority}/token/revocation`,
      realtimeURL: stack.realtimeURL, // live delivery: the WebSocket stand-in
      vapidPublicKey: stack.push.vapidPublicKey, // Web Push: the public half only
    });
    expect(stack.push.vapidPublicKey).toMatch(/^B[A-Za-z0-9_-]{86}$/);
  });

  it("sends the contract's security headers on every response, without unsafe-inline", async () => {
    for (const path of ['/', '/config.json', '/assets/index-abc123.js', '/missing.png', '/sync']) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      // One origin: the API is 'self'; only the provider and the live socket are named.
      expect(csp).toContain(
        `connect-src 'self' ${stack.authority} ${new URL(stack.realtimeURL).origin};`,
      );
      expect(csp).not.toContain(stack.apiEndpoint);
      expect(csp).toContain(`form-action 'self' ${stack.authority}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("require-trusted-types-for 'script'");
      expect(csp).toContain('trusted-types default');
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('permissions-policy')).toBe(
        contract.headers.custom['Permissions-Policy'],
      );
      expect(res.headers.get('strict-transport-security')).toBe(
        'max-age=31536000; includeSubDomains; preload',
      );
    }
  });

  it('compresses like CloudFront: brotli, else gzip, compressible files over 1,000 bytes', async () => {
    const raw = (path: string, acceptEncoding: string) =>
      new Promise<{ headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
        const options = { headers: { 'accept-encoding': acceptEncoding } };
        const req = request(`${stack.appURL}${path}`, options, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
        req.end();
      });
    const br = await raw('/assets/big-def456.js', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(brotliDecompressSync(br.body).toString()).toBe(BIG_JS);
    const gz = await raw('/assets/big-def456.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(BIG_JS);
    // Too small, or not a compressible type: sent as is.
    const small = await raw('/assets/index-abc123.js', 'br');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect((await raw('/icon-192.png', 'br')).headers['content-encoding']).toBeUndefined();
    expect((await raw('/assets/big-def456.js', 'identity')).body.toString()).toBe(BIG_JS);
  });

  it('falls back to index.html for app routes, not for missing files', async () => {
    const route = await get('/chat/bob@example.com');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await route.text()).toContain('<title>ChatScape</title>');
    expect((await get('/contacts')).status).toBe(200);
    expect((await get('/missing.js')).status).toBe(404);
    expect((await get('/assets/missing-123.css')).status).toBe(404);
  });

  it('caches by the contract: hashed assets forever, icons a day, entry points revalidated', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe(contract.caching.immutable);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of [
      '/',
      '/index.html',
      '/sw.js',
      '/manifest.webmanifest',
      '/chat/bob@example.com',
    ]) {
      expect((await get(path)).headers.get('cache-control')).toBe('no-cache');
    }
    expect((await get('/icon-192.png')).headers.get('cache-control')).toBe('public, max-age=86400');
    const manifest = await get('/manifest.webmanifest');
    expect(manifest.headers.get('content-type')).toBe('application/manifest+json');
    const etag = (await get('/sw.js')).headers.get('etag') ?? '';
    expect((await get('/sw.js', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('never serves a file outside dist', async () => {
    for (const path of [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/%2e%2e%5csecret.txt',
    ]) {
      const res = await rawGet(path);
      expect(res.body, path).not.toContain('TOP SECRET');
    }
    expect((await rawGet('/assets/..%2f..%2fsecret.txt')).status).toBe(400);
  });

  it('proxies /sync to the gateway on the same origin, Authorization and all', async () => {
    const unauthorized = await get('/sync', { method: 'POST', body: '{}' });
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toEqual({ message: 'Unauthorized' });
    expect(unauthorized.headers.get('apigw-requestid')).toBeTruthy();
    const { idToken } = await signIn(stack, 'alice@example.com', 'chatscape');
    const res = await get('/sync', {
      method: 'POST',
      headers: { authorization: `Bearer ${idToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ v: 1, clientId: crypto.randomUUID(), cursor: null, mutations: [] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ results: [] });
  });

  it('only allows GET and HEAD', async () => {
    expect((await get('/', { method: 'POST' })).status).toBe(405);
    const head = await get('/sw.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('app server without a build', () => {
  it('serves a page that says how to build the web app', async () => {
    const server = createServer(
      createAppListener({
        webDist: null,
        appURL: 'http://127.0.0.1:3',
        apiEndpoint: 'http://127.0.0.1:1',
        authority: 'http://127.0.0.1:2',
        clientID: 'chatscape-local',
      }),
    );
    try {
      const url = `http://127.0.0.1:${await listen(server, 0)}`;
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('npm run build -w web');
      expect((await fetch(`${url}/config.json`)).status).toBe(200);
    } finally {
      await closeServer(server);
    }
  });
});
