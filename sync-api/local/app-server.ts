import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  RequestListener,
  ServerResponse,
} from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { appConfig } from './app-config.ts';
import { chooseEncoding, compressor } from './compress.ts';
import {
  cacheControl,
  type DeploymentContract,
  contract as defaultContract,
  isAppRoute,
  securityHeaders,
} from './contract.ts';
import { proxyTo } from './proxy.ts';

export interface AppServerOptions {
  /** The built web app; null or a missing directory serves a "not built" page. */
  webDist: string | null;
  /** The app's own URL: config.json names it as the API's, /sync is proxied. */
  appURL: string;
  /** Where /sync goes (the API Gateway stand-in), like CloudFront's second origin. */
  apiEndpoint: string;
  authority: string;
  clientID: string;
  /** Live delivery: the WebSocket URL (config.json `realtimeURL`, and CSP connect-src). */
  realtimeURL?: string;
  /** Web Push: config.json `vapidPublicKey`. */
  vapidPublicKey?: string;
  /** Headers, caching, compression, paths; default: sync-api/deployment.json. */
  contract?: DeploymentContract;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.wasm': 'application/wasm',
};

const notBuiltPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>ChatScape: web app not built</title></head>
<body><h1>The web app is not built</h1>
<p>Run <code>npm run build -w web</code> (or <code>npm start</code> from the repository root),
then <a href="/">reload this page</a>.</p>
</body></html>
`;

type Target = { file: string; size: number; mtime: Date } | { status: 400 | 404 };

/** Maps a URL path into dist, refusing anything that would resolve outside it. */
async function findFile(dist: string, pathname: string): Promise<Target> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { status: 400 };
  }
  if (decoded.includes('\0')) return { status: 400 };
  const file = resolve(dist, `.${decoded}`);
  if (file !== dist && !file.startsWith(dist + sep)) return { status: 400 };
  const info = await stat(file).catch(() => undefined);
  if (info?.isFile()) return { file, size: info.size, mtime: info.mtime };
  if (info?.isDirectory()) return findFile(dist, `${pathname.replace(/\/$/, '')}/index.html`);
  return { status: 404 };
}

function sendFile(
  c: DeploymentContract,
  req: IncomingMessage,
  res: ServerResponse,
  target: { file: string; size: number; mtime: Date },
  headers: OutgoingHttpHeaders,
) {
  const etag = `W/"${target.size.toString(16)}-${target.mtime.getTime().toString(16)}"`;
  const common = { ...headers, etag, 'last-modified': target.mtime.toUTCString() };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const type = contentTypes[extname(target.file).toLowerCase()] ?? 'application/octet-stream';
  const encoding = chooseEncoding(c, req, type, target.size);
  const length = encoding
    ? { 'content-encoding': encoding, vary: 'Accept-Encoding' }
    : { 'content-length': target.size };
  res.writeHead(200, { ...common, 'content-type': type, ...length });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const file = createReadStream(target.file);
  if (encoding) file.pipe(compressor(encoding, target.size)).pipe(res);
  else file.pipe(res);
}

function sendText(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: OutgoingHttpHeaders,
) {
  res.writeHead(status, {
    ...headers,
    'content-type': type,
    'content-length': Buffer.byteLength(body),
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The static host: CloudFront + S3 stand-in, /sync to the API, and the generated /config.json. */
export function createAppListener(options: AppServerOptions): RequestListener {
  const c = options.contract ?? defaultContract;
  const dist = options.webDist === null ? null : resolve(options.webDist);
  const idp = new URL(options.authority).origin;
  // The dev provider is both the issuer and the "hosted UI".
  const realtime = options.realtimeURL && new URL(options.realtimeURL).origin;
  const security = securityHeaders(c, { idp, hostedUI: idp, ...(realtime && { realtime }) });
  const config = JSON.stringify(appConfig(c, options));
  return async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (pathname === c.api.pathPrefix) {
      proxyTo(options.apiEndpoint, req, res, security);
      return;
    }
    const headers = { ...security, 'cache-control': cacheControl(c, pathname) };
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendText(req, res, 405, 'text/plain; charset=utf-8', 'Method Not Allowed', {
        ...headers,
        allow: 'GET, HEAD',
      });
      return;
    }
    if (pathname === '/config.json') {
      sendText(req, res, 200, 'application/json', config, headers);
      return;
    }
    const target = dist ? await findFile(dist, pathname) : ({ status: 404 } as const);
    if ('file' in target) return sendFile(c, req, res, target, headers);
    if (target.status === 404 && isAppRoute(c, pathname)) {
      const index = dist ? await findFile(dist, '/index.html') : target;
      const indexHeaders = { ...headers, 'cache-control': cacheControl(c, '/index.html') };
      if ('file' in index) return sendFile(c, req, res, index, indexHeaders);
      sendText(req, res, 200, 'text/html; charset=utf-8', notBuiltPage, headers);
      return;
    }
    const message = target.status === 400 ? 'Bad Request' : 'Not Found';
    sendText(req, res, target.status, 'text/plain; charset=utf-8', message, headers);
  };
}
