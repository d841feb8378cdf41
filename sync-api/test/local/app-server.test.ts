import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppListener } from '../../local/app-server.ts';
import { closeServer, listen } from '../../local/http.ts';
import { type LocalStack, startLocalStack } from '../../local/stack.ts';

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
  it('generates /config.json from the running stack', async () => {
    const res = await get('/config.json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({
      apiURL: stack.apiURL,
      authority: stack.authority,
      clientID: 'chatscape-local',
      realtimeURL: stack.realtimeURL, // live delivery: the WebSocket stand-in
    });
  });

  it('sends the CloudFront security headers on every response, without unsafe-inline', async () => {
    for (const path of ['/', '/config.json', '/assets/index-abc123.js', '/missing.png']) {
      const res = await get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain(
        `connect-src 'self' ${stack.apiURL} ${stack.authority} ${new URL(stack.realtimeURL).origin}`,
      );
      expect(csp).toContain(`form-action 'self' ${stack.authority}`);
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
    }
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

  it('caches hashed assets forever and revalidates the rest', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const path of ['/', '/index.html', '/sw.js', '/manifest.webmanifest']) {
      expect((await get(path)).headers.get('cache-control')).toBe('no-cache');
    }
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
        apiURL: 'http://127.0.0.1:1',
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
