import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type {
  IncomingMessage,
  OutgoingHttpHeaders,
  RequestListener,
  ServerResponse,
} from 'node:http';
import { extname, resolve, sep } from 'node:path';

export interface AppServerOptions {
  /** The built web app; null or a missing directory serves a "not built" page. */
  webDist: string | null;
  apiURL: string;
  authority: string;
  clientID: string;
  /** Live delivery: the WebSocket URL (config.json `realtimeURL`, and CSP connect-src). */
  realtimeURL?: string;
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

/** The CloudFront response-headers policy, applied to every response. */
export function securityHeaders(
  options: Pick<AppServerOptions, 'apiURL' | 'authority' | 'realtimeURL'>,
) {
  const api = new URL(options.apiURL).origin;
  const live = options.realtimeURL ? ` ${new URL(options.realtimeURL).origin}` : '';
  const idp = new URL(options.authority).origin;
  return {
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      `connect-src 'self' ${api} ${idp}${live}`,
      "object-src 'none'",
      "base-uri 'self'",
      "frame-ancestors 'none'",
      `form-action 'self' ${idp}`,
      "manifest-src 'self'",
      "worker-src 'self'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  };
}

/** Hashed build output is immutable; everything else must be revalidated (sw.js above all). */
function cacheControl(pathname: string): string {
  return pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

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
  res.writeHead(200, { ...common, 'content-type': type, 'content-length': target.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(target.file).pipe(res);
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

/**
 * A navigation is a path that does not name a static file type: the SPA router owns it. Not
 * merely "no extension": app routes carry emails (`/chat/bob@example.com`).
 */
const isNavigation = (pathname: string) => !(extname(pathname).toLowerCase() in contentTypes);

/** The static host: CloudFront + S3 stand-in, plus the generated /config.json. */
export function createAppListener(options: AppServerOptions): RequestListener {
  const dist = options.webDist === null ? null : resolve(options.webDist);
  const security = securityHeaders(options);
  const config = JSON.stringify({
    apiURL: options.apiURL,
    authority: options.authority,
    clientID: options.clientID,
    ...(options.realtimeURL && { realtimeURL: options.realtimeURL }),
  });
  return async (req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const headers = { ...security, 'cache-control': cacheControl(pathname) };
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
    if ('file' in target) return sendFile(req, res, target, headers);
    if (target.status === 404 && isNavigation(pathname)) {
      const index = dist ? await findFile(dist, '/index.html') : target;
      if ('file' in index)
        return sendFile(req, res, index, { ...headers, 'cache-control': 'no-cache' });
      sendText(req, res, 200, 'text/html; charset=utf-8', notBuiltPage, headers);
      return;
    }
    const message = target.status === 400 ? 'Bad Request' : 'Not Found';
    sendText(req, res, target.status, 'text/plain; charset=utf-8', message, headers);
  };
}
