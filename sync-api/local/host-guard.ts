import type { RequestListener, Server } from 'node:http';
import { sendJson } from './http.ts';

/**
 * Every local server answers only requests addressed to it by its own name (127.0.0.1:<port>).
 * A DNS-rebinding page (evil.example resolving to 127.0.0.1) sends `Host: evil.example:<port>`
 * and is refused, so it can read neither dynalite, nor the dev provider, nor the app or API.
 */
export function guardHost(server: Server, listener: RequestListener): RequestListener {
  return (req, res) => {
    const address = server.address();
    const expected = address && typeof address === 'object' ? `127.0.0.1:${address.port}` : null;
    if (req.headers.host !== expected) {
      res.setHeader('connection', 'close');
      sendJson(res, 421, { message: 'Misdirected Request' });
      return;
    }
    listener(req, res);
  };
}

/** Wraps the request listeners an existing server (dynalite's) was created with. */
export function guardExistingServer(server: Server): void {
  const listeners = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on(
    'request',
    guardHost(server, (req, res) => {
      for (const listener of listeners) listener(req, res);
    }),
  );
}
