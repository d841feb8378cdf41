import {
  pingMessage,
  type ServerMessage,
  serverMessageSchema,
  wiring,
} from '@chatscape/sync-api/realtime';
import * as v from 'valibot';
import { backoffDelay } from '../lib/backoff.ts';

export type LiveState = 'connecting' | 'live' | 'down';

export interface RealtimeClientOptions {
  /** ws(s)://…/<stage> from config.json `realtimeURL`. */
  url: string;
  /** A fresh, unexpired ID token, or null (then `onTokenNeeded` and wait for `retryNow`). */
  getToken: () => Promise<string | null>;
  /** The sync clientId, so this device is not poked for its own writes. */
  getClientId: () => Promise<string>;
  /** Pull now. Called on every poke, and on each (re)connect to catch up on what was missed. */
  onPoke: () => void;
  onTyping?: (from: string) => void;
  onState?: (state: LiveState) => void;
  /** The token is missing or the server keeps refusing it: renew it, then call retryNow(). */
  onTokenNeeded?: () => void;
  isOnline?: () => boolean;
  WebSocket?: typeof WebSocket;
  random?: () => number;
}

export interface RealtimeClient {
  start(): void;
  stop(): void;
  /** Reconnect now if not live (a new token arrived, the network came back). */
  retryNow(): void;
  /** Drops the socket (the network went away); reconnects on retryNow() or after a backoff. */
  drop(): void;
  /** Sends a typing event when live; returns whether it was sent. */
  send(message: { action: string; [key: string]: unknown }): boolean;
  state(): LiveState;
}

const second = 1000;

/**
 * One socket per tab. It only says "pull now": the pull stays the one source of truth, so a
 * missed poke costs latency, never data (every connect pulls). API Gateway's limits shape it:
 * a ping well inside the 10-minute idle timeout, a new socket (opened before the old one is
 * closed) well before the 2-hour limit, and after any error a reconnect with exponential
 * backoff and jitter, each time with a freshly read token.
 */
export function createRealtimeClient(options: RealtimeClientOptions): RealtimeClient {
  const Socket = options.WebSocket ?? globalThis.WebSocket;
  const random = options.random ?? Math.random;
  const isOnline = options.isOnline ?? (() => true);
  let socket: WebSocket | undefined;
  let state: LiveState = 'down';
  let failures = 0;
  let stopped = true;
  let connecting = false;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let pingTimer: ReturnType<typeof setInterval> | undefined;
  let rotateTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: LiveState) => {
    if (state === next) return;
    state = next;
    options.onState?.(next);
  };

  const clearTimers = () => {
    clearTimeout(retryTimer);
    clearInterval(pingTimer);
    clearTimeout(rotateTimer);
  };

  function scheduleRetry() {
    clearTimeout(retryTimer);
    if (stopped) return;
    failures += 1;
    // Every few failed attempts the token may be the problem (expired, revoked): renew it.
    if (failures % 3 === 0) options.onTokenNeeded?.();
    const delay = backoffDelay(failures, {
      baseMs: second,
      maxMs: 30 * second,
      jitter: 0.5,
      random,
    });
    retryTimer = setTimeout(() => void connect(), delay);
  }

  async function connect() {
    if (stopped || connecting || !isOnline()) return;
    connecting = true;
    try {
      const [token, clientId] = await Promise.all([options.getToken(), options.getClientId()]);
      if (stopped) return;
      if (!token) {
        setState('down');
        options.onTokenNeeded?.();
        return; // retryNow() comes with the new token
      }
      const url = new URL(options.url);
      url.searchParams.set(wiring.tokenQueryParameter, token);
      url.searchParams.set(wiring.clientIdQueryParameter, clientId);
      if (!socket) setState('connecting');
      open(new Socket(url.href));
    } finally {
      connecting = false;
    }
  }

  function open(next: WebSocket) {
    let opened = false;
    next.onopen = () => {
      opened = true;
      const previous = socket;
      socket = next;
      // Make before break: the old socket (near its 2-hour limit) closes once this one is up.
      if (previous && previous !== next) retire(previous);
      failures = 0;
      setState('live');
      clearInterval(pingTimer);
      pingTimer = setInterval(() => send(pingMessage), wiring.client.keepaliveSeconds * second);
      clearTimeout(rotateTimer);
      const rotateMs = wiring.client.reconnectBeforeSeconds * second * (0.9 + 0.1 * random());
      rotateTimer = setTimeout(() => void connect(), rotateMs);
      options.onPoke();
    };
    next.onmessage = (event) => {
      if (next !== socket || typeof event.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(event.data);
      } catch {
        return;
      }
      const parsed = v.safeParse(serverMessageSchema, data);
      if (parsed.success) dispatch(parsed.output);
    };
    next.onclose = () => {
      if (!opened && socket && socket.readyState === Socket.OPEN) {
        scheduleRetry(); // a rotation attempt failed; the old socket still works
        return;
      }
      if (next !== socket && opened) return;
      socket = undefined;
      clearInterval(pingTimer);
      clearTimeout(rotateTimer);
      setState('down');
      scheduleRetry();
    };
  }

  function retire(old: WebSocket) {
    old.onclose = null;
    old.onmessage = null;
    old.close(1000);
  }

  function dispatch(message: ServerMessage) {
    if (message.type === 'poke') options.onPoke();
    else options.onTyping?.(message.from);
  }

  function send(message: { action: string }) {
    if (!socket || socket.readyState !== Socket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      void connect();
    },
    stop() {
      stopped = true;
      clearTimers();
      if (socket) retire(socket);
      socket = undefined;
      setState('down');
    },
    retryNow() {
      if (stopped || state === 'live') return;
      clearTimeout(retryTimer);
      void connect();
    },
    drop() {
      if (socket) retire(socket);
      socket = undefined;
      clearInterval(pingTimer);
      clearTimeout(rotateTimer);
      setState('down');
    },
    send,
    state: () => state,
  };
}
