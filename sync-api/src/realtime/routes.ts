import * as v from 'valibot';
import type { ConnectionIdentity } from './authorizer.ts';
import { routeKeys, wiring } from './config.ts';
import type { ConnectionStore } from './connection-store.ts';
import type { FanOut } from './fan-out.ts';
import { typingMessageSchema } from './protocol.ts';

/** API Gateway's WebSocket route event (CONNECT, MESSAGE, DISCONNECT), with the authorizer context. */
export interface WebSocketRouteEvent {
  requestContext: {
    routeKey: string;
    eventType: 'CONNECT' | 'MESSAGE' | 'DISCONNECT';
    connectionId: string;
    connectedAt: number;
    requestTimeEpoch: number;
    stage: string;
    domainName: string;
    apiId: string;
    requestId: string;
    /** The $connect authorizer's context, handed to every route of the connection. */
    authorizer?: Partial<ConnectionIdentity> & { principalId?: string };
  };
  body?: string;
  isBase64Encoded: boolean;
}

export interface WebSocketRouteResult {
  statusCode: number;
  body?: string;
}

export interface RoutesDeps {
  connections: ConnectionStore;
  fanOut: FanOut;
  now?: () => number;
}

const ok: WebSocketRouteResult = { statusCode: 200 };
const bad = (message: string): WebSocketRouteResult => ({
  statusCode: 400,
  body: JSON.stringify({ message }),
});

/**
 * Typing events are throttled per connection (best effort, per Lambda instance; API Gateway's
 * route throttling bounds the rest): a page sends one every couple of seconds at most.
 */
function createThrottle(intervalMs: number, now: () => number) {
  const last = new Map<string, number>();
  return (key: string) => {
    const t = now();
    if (t - (last.get(key) ?? Number.NEGATIVE_INFINITY) < intervalMs) return false;
    if (last.size > 10_000) last.clear();
    last.set(key, t);
    return true;
  };
}

/** The WebSocket API's Lambda: $connect, $disconnect, typing and ping. */
export function createWebSocketRoutes(deps: RoutesDeps) {
  const now = deps.now ?? Date.now;
  const allowTyping = createThrottle(wiring.typing.throttleMs / 2, now);
  return async (event: WebSocketRouteEvent): Promise<WebSocketRouteResult> => {
    const context = event.requestContext;
    const owner = context.authorizer?.email;
    // Only the $connect authorizer sets this: without it the route was not authorized.
    if (!owner) return { statusCode: 401, body: JSON.stringify({ message: 'Unauthorized' }) };
    switch (context.routeKey) {
      case routeKeys.connect: {
        const t = now();
        await deps.connections.put({
          owner,
          connectionId: context.connectionId,
          clientId: context.authorizer?.clientId ?? '',
          connectedAt: t,
          expiresAt: Math.ceil(t / 1000) + wiring.connectionTtlSeconds,
        });
        return ok;
      }
      case routeKeys.disconnect:
        await deps.connections.remove(owner, context.connectionId);
        return ok;
      case routeKeys.ping:
        return ok;
      case routeKeys.typing:
        return typing(event, owner);
      default:
        return bad(`unknown route "${context.routeKey}"`);
    }
  };

  async function typing(event: WebSocketRouteEvent, owner: string) {
    let data: unknown;
    try {
      const raw = event.isBase64Encoded
        ? Buffer.from(event.body ?? '', 'base64').toString()
        : event.body;
      data = JSON.parse(raw ?? '');
    } catch {
      return bad('message is not valid JSON');
    }
    const parsed = v.safeParse(typingMessageSchema, data);
    if (!parsed.success) return bad('typing needs a valid "to" email');
    if (allowTyping(event.requestContext.connectionId))
      await deps.fanOut.typing(owner, parsed.output.to);
    return ok;
  }
}
