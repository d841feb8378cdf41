/**
 * The API on an origin of its own, as the execute-api URL was before the one-origin layout:
 * a 127.0.0.1 port that answers CORS preflights itself (as API Gateway's CORS configuration
 * does, without invoking the Lambda) and forwards POST /sync to the local API Gateway stand-in
 * with the same one proxy hop the app server's /sync takes, so the two origins differ only by
 * the preflight. CORS is allowed for the app's origin only, with the headers the old Terraform
 * CORS configuration allowed (authorization, content-type; Retry-After exposed).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { proxyTo } from '../../sync-api/local/proxy.ts';

export interface CorsFront {
  /** http://127.0.0.1:<port> */
  url: string;
  server: Server;
  /** Access-Control-Max-Age sent with preflight answers; null = no header (browser default). */
  maxAgeSeconds: number | null;
  stop(): Promise<void>;
}

export async function startCorsFront(apiEndpoint: string, appOrigin: string): Promise<CorsFront> {
  const allow = {
    'access-control-allow-origin': appOrigin,
    'access-control-expose-headers': 'retry-after',
    vary: 'Origin',
  };
  const front: CorsFront = {
    url: '',
    server: createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (req.headers.origin !== appOrigin || path !== '/sync') {
        res.writeHead(403, { 'content-type': 'text/plain' }).end('origin or path not allowed');
        return;
      }
      if (req.method === 'OPTIONS') {
        res
          .writeHead(204, {
            ...allow,
            'access-control-allow-methods': 'POST, OPTIONS',
            'access-control-allow-headers': 'authorization, content-type',
            ...(front.maxAgeSeconds !== null && {
              'access-control-max-age': String(front.maxAgeSeconds),
            }),
          })
          .end();
        return;
      }
      proxyTo(apiEndpoint, req, res, allow);
    }),
    maxAgeSeconds: null,
    stop: () => new Promise((resolve) => front.server.close(() => resolve())),
  };
  await new Promise<void>((resolve) => front.server.listen(0, '127.0.0.1', resolve));
  front.url = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
  return front;
}
