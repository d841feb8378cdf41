import { wiring } from '@chatscape/sync-api/realtime';
import { useCallback, useRef, useSyncExternalStore } from 'react';
import { currentClient, liveState, typingPeers } from './live-store.ts';

/** 'live' | 'connecting' | 'down', or 'off' when this deployment has no socket. */
export function useLiveState() {
  return useSyncExternalStore(liveState.subscribe, liveState.get);
}

/** Whether `peer` is typing to us right now. */
export function usePeerTyping(peer: string): boolean {
  return useSyncExternalStore(typingPeers.subscribe, () => typingPeers.get().has(peer));
}

/**
 * Returns a callback for the composer's input events: sends "typing" to `peer` at most once
 * per throttle interval, only while the socket is live (nothing is queued or stored).
 */
export function useTypingNotifier(peer: string) {
  const last = useRef(0);
  return useCallback(() => {
    const now = Date.now();
    if (now - last.current < wiring.typing.throttleMs) return;
    if (currentClient.get()?.send({ action: 'typing', to: peer })) last.current = now;
  }, [peer]);
}
