import type { IncomingMessage, ServerResponse } from 'node:http';
import { request } from 'node:http';
import { sendJson } from './http.ts';

const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'host']);

/**
 * CloudFront's /sync behaviour: forward the request to the API origin uncached, with every
 * viewer header but Host (Authorization included), and hand back the origin's answer, adding
 * the app's response headers as the response headers policy does.
 */
export function proxyTo(
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
  responseHeaders: Record<string, string>,
): void {
  const target = new URL(req.url ?? '/', origin);
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !hopByHop.has(name)) headers[name] = value;
  }
  const upstream = request(target, { method: req.method, headers }, (answer) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined && !hopByHop.has(name)) out[name] = value;
    }
    res.writeHead(answer.statusCode ?? 502, { ...out, ...responseHeaders });
    answer.pipe(res);
  });
  upstream.on('error', () => {
    // CloudFront's answer when the origin cannot be reached.
    if (!res.headersSent) sendJson(res, 502, { message: 'Bad Gateway' }, responseHeaders);
    else res.destroy();
  });
  req.pipe(upstream);
}
