import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import type { AuthorizerResult, WebSocketAuthorizerEvent } from '../src/realtime/authorizer.ts';
import { routeKeys, wiring } from '../src/realtime/config.ts';
import type { WebSocketRouteEvent, WebSocketRouteResult } from '../src/realtime/routes.ts';
import { closeServer, listen, readBody, sendJson } from './http.ts';
import { authorizerEvent, routeEvent, type SocketInfo } from './websocket-events.ts';

export interface WebSocketStandInOptions {
  authorizer: (event: WebSocketAuthorizerEvent) => Promise<AuthorizerResult>;
  /** The routes' Lambda, created lazily (a cold start that throws fails that call only). */
  routes: () => (event: WebSocketRouteEvent) => Promise<WebSocketRouteResult>;
  port?: number;
  /** API Gateway's limits (the contract's realtime.limits); tests shorten them. */
  idleTimeoutMs?: number;
  maxConnectionMs?: number;
  quiet?: boolean;
}

export interface WebSocketStandIn {
  /** ws://127.0.0.1:<port>/<stage>: what the browser opens. */
  url: string;
  /** http://127.0.0.1:<port>/<stage>: the management API endpoint for the SDK. */
  managementEndpoint: string;
  /** Open connections (tests). */
  connections(): { connectionId: string; owner: string }[];
  /** Closes connections server side, like API Gateway at the 2-hour limit (tests). */
  drop(filter?: (c: { connectionId: string; owner: string }) => boolean): number;
  close(): Promise<void>;
}

interface Live {
  info: SocketInfo;
  socket: WebSocket;
  lastActiveAt: number;
}

/** API Gateway's connection ids: 12 base64 characters, '=' and '/' included, so URL-encoded. */
const newConnectionId = () => randomBytes(9).toString('base64').replace(/.$/, '=');

function reject(socket: Duplex, status: number, text: string) {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
}

/**
 * API Gateway's WebSocket API on one machine: `$connect` through the REQUEST authorizer (token
 * in the query string), routes chosen by the message's `action`, `$disconnect` when either side
 * closes, the idle and 2-hour limits, the 128 KB message limit, and the `@connections`
 * management API (POST, GET, DELETE; 410 GoneException for unknown ids).
 */
export async function startWebSocketStandIn(
  options: WebSocketStandInOptions,
): Promise<WebSocketStandIn> {
  const stage = wiring.stage;
  const live = new Map<string, Live>();
  // Local only (tests): owners whose new connections are refused, as if the API were down.
  const refusing = new Set<string>();
  const wss = new WebSocketServer({ noServer: true, maxPayload: wiring.limits.maxMessageBytes });
  const log = (...args: unknown[]) => options.quiet || console.error(...args);
  const idleMs = options.idleTimeoutMs ?? wiring.limits.idleTimeoutSeconds * 1000;
  const maxMs = options.maxConnectionMs ?? wiring.limits.maxConnectionSeconds * 1000;

  const invoke = async (info: SocketInfo, routeKey: string, body?: string) => {
    try {
      return await options.routes()(routeEvent(info, routeKey, body));
    } catch (error) {
      log('websocket route failed', routeKey, error);
      return { statusCode: 500 };
    }
  };

  async function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== `/${stage}`) return reject(socket, 404, 'Not Found');
    const info: SocketInfo = {
      connectionId: newConnectionId(),
      connectedAt: Date.now(),
      stage,
      domainName: req.headers.host ?? '127.0.0.1',
    };
    try {
      const result = await options.authorizer(authorizerEvent(req, info));
      info.identity = { principalId: result.principalId, ...result.context };
    } catch {
      return reject(socket, 401, 'Unauthorized');
    }
    if (refusing.has(info.identity.email)) return reject(socket, 503, 'Service Unavailable');
    const connected = await invoke(info, routeKeys.connect);
    if (connected.statusCode !== 200) return reject(socket, connected.statusCode, 'Refused');
    wss.handleUpgrade(req, socket, head, (ws) => attach(info, ws));
  }

  function attach(info: SocketInfo, socket: WebSocket) {
    const entry: Live = { info, socket, lastActiveAt: Date.now() };
    live.set(info.connectionId, entry);
    let idle = setTimeout(() => socket.close(1001, 'Going away'), idleMs);
    const lifetime = setTimeout(() => socket.close(1001, 'Going away'), maxMs);
    socket.on('message', (data, isBinary) => {
      entry.lastActiveAt = Date.now();
      clearTimeout(idle);
      idle = setTimeout(() => socket.close(1001, 'Going away'), idleMs);
      const text = isBinary ? '' : data.toString();
      void onMessage(info, socket, text);
    });
    socket.on('close', () => {
      clearTimeout(idle);
      clearTimeout(lifetime);
      live.delete(info.connectionId);
      void invoke(info, routeKeys.disconnect);
    });
    socket.on('error', (error) => log('websocket error', error));
  }

  async function onMessage(info: SocketInfo, socket: WebSocket, text: string) {
    let action: unknown;
    try {
      action = (JSON.parse(text) as { action?: unknown }).action;
    } catch {
      action = undefined;
    }
    const routeKey =
      typeof action === 'string' && !action.startsWith('$') && wiring.routes.includes(action)
        ? action
        : null;
    if (!routeKey) {
      // No $default route: API Gateway answers with this and keeps the connection.
      socket.send(JSON.stringify({ message: 'Forbidden', connectionId: info.connectionId }));
      return;
    }
    const result = await invoke(info, routeKey, text);
    if (result.statusCode >= 500) {
      socket.send(
        JSON.stringify({ message: 'Internal server error', connectionId: info.connectionId }),
      );
    }
  }

  async function manage(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Local-only test hooks, outside the stage path (API Gateway has nothing like them).
    if (req.method === 'GET' && url.pathname === '/_local/connections') {
      return sendJson(res, 200, connections());
    }
    if (req.method === 'POST' && url.pathname === '/_local/refuse') {
      const owner = url.searchParams.get('owner') ?? '';
      if (url.searchParams.get('on') === '1') refusing.add(owner);
      else refusing.delete(owner);
      res.writeHead(204);
      return res.end();
    }
    const prefix = `/${stage}/@connections/`;
    if (!url.pathname.startsWith(prefix)) return sendJson(res, 404, { message: 'Not Found' });
    const id = decodeURIComponent(url.pathname.slice(prefix.length));
    const entry = live.get(id);
    if (!entry || entry.socket.readyState !== entry.socket.OPEN) {
      return sendJson(res, 410, { message: 'Gone' }, { 'x-amzn-errortype': 'GoneException' });
    }
    if (req.method === 'POST') {
      const body = await readBody(req, wiring.limits.maxMessageBytes + 1);
      if (body.length > wiring.limits.maxMessageBytes) {
        return sendJson(
          res,
          413,
          { message: 'Message too long' },
          { 'x-amzn-errortype': 'PayloadTooLargeException' },
        );
      }
      entry.socket.send(body.toString('utf8'));
      res.writeHead(200, { 'content-length': 0 });
      return res.end();
    }
    if (req.method === 'DELETE') {
      entry.socket.close(1000);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'GET') {
      return sendJson(res, 200, {
        ConnectedAt: new Date(entry.info.connectedAt).toISOString(),
        LastActiveAt: new Date(entry.lastActiveAt).toISOString(),
        Identity: { SourceIp: '127.0.0.1' },
      });
    }
    return sendJson(res, 405, { message: 'Method Not Allowed' });
  }

  const connections = () =>
    [...live.values()].map((l) => ({
      connectionId: l.info.connectionId,
      owner: l.info.identity?.email ?? '',
    }));

  const server = createServer((req, res) => {
    manage(req, res).catch((error: unknown) => {
      log('websocket management failed', error);
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
    });
  });
  server.on('upgrade', (req, socket, head) => {
    upgrade(req, socket, head).catch((error: unknown) => {
      log('websocket upgrade failed', error);
      reject(socket, 500, 'Internal Server Error');
    });
  });
  const port = await listen(server, options.port ?? 0);
  return {
    url: `ws://127.0.0.1:${port}/${stage}`,
    managementEndpoint: `http://127.0.0.1:${port}/${stage}`,
    connections,
    drop(filter = () => true) {
      const doomed = connections().filter(filter);
      for (const c of doomed) live.get(c.connectionId)?.socket.close(1001, 'Going away');
      return doomed.length;
    },
    async close() {
      for (const l of live.values()) l.socket.terminate();
      wss.close();
      await closeServer(server);
    },
  };
}
