import { wiring } from '@chatscape/sync-api/realtime';
import type { LiveState, RealtimeClient } from './realtime-client.ts';

/**
 * This tab's live-delivery state, outside React so the sync engine (which owns the socket),
 * the status line, the conversation header and the composer can share it without threading
 * props. One signed-in session per tab at a time.
 */
type Listener = () => void;

function store<T>(initial: T) {
  let value = initial;
  const listeners = new Set<Listener>();
  return {
    get: () => value,
    set(next: T) {
      if (Object.is(next, value)) return;
      value = next;
      for (const l of listeners) l();
    },
    subscribe(listener: Listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** 'off' when no socket is configured (demo mode, or a deployment without one). */
export const liveState = store<LiveState | 'off'>('off');

/** Peers typing now: email → when it stops showing (ms). Never stored anywhere else. */
export const typingPeers = store<ReadonlyMap<string, number>>(new Map());

const clearTimers = new Map<string, ReturnType<typeof setTimeout>>();

/** "from is typing", shown until `clearAfterMs` passes without a refresh. */
export function peerTyped(from: string, now = Date.now()) {
  const next = new Map(typingPeers.get());
  next.set(from, now + wiring.typing.clearAfterMs);
  typingPeers.set(next);
  clearTimeout(clearTimers.get(from));
  clearTimers.set(
    from,
    setTimeout(() => peerStopped(from), wiring.typing.clearAfterMs),
  );
}

/** The peer's message arrived, or the typing expired. */
export function peerStopped(from: string) {
  clearTimeout(clearTimers.get(from));
  clearTimers.delete(from);
  if (!typingPeers.get().has(from)) return;
  const next = new Map(typingPeers.get());
  next.delete(from);
  typingPeers.set(next);
}

/** The tab's socket, for sending typing events. */
export const currentClient = store<RealtimeClient | null>(null);
