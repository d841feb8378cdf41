import { wiring } from '@chatscape/sync-api/realtime';
import { useEffect, useRef } from 'react';
import { type ChatDb, getClientId } from '../db/index.ts';
import { currentClient, liveState, peerTyped, typingPeers } from './live-store.ts';
import { createRealtimeClient, type RealtimeClient } from './realtime-client.ts';

export interface UseRealtimeOptions {
  /** config.json `realtimeURL`; undefined = no socket (demo mode, or none deployed). */
  url: string | undefined;
  /** False until the sync transport is ready (a token is stored). */
  enabled: boolean;
  db: ChatDb;
  getToken: () => Promise<string | null>;
  /** Renew the token (the page then calls the returned retry function). */
  onTokenNeeded?: () => void;
  /** Pull now (the scheduler coalesces a burst of pokes into one run plus one rerun). */
  onPoke: () => void;
  /** null = no polling (the socket is live); otherwise the fallback poll interval. */
  setPollMs: (ms: number | null) => void;
}

/**
 * The tab's live socket, tied to a session. While it is live the page does not poll at all;
 * while it is down (connecting, offline, refused) the page polls slowly until it is back.
 * Returns a function to call when a new token arrives.
 */
export function useRealtime(options: UseRealtimeOptions): () => void {
  const { url, enabled, db } = options;
  const latest = useRef(options);
  latest.current = options;
  const client = useRef<RealtimeClient | null>(null);

  useEffect(() => {
    if (!url || !enabled) return;
    const fallbackMs = wiring.client.fallbackPollSeconds * 1000;
    // The pull reads DynamoDB indexes, which lag the write a little in AWS: a pull right after
    // a poke may not see the message yet, so one more follows a burst of pokes (debounced).
    let settle: ReturnType<typeof setTimeout> | undefined;
    latest.current.setPollMs(fallbackMs);
    const current = createRealtimeClient({
      url,
      getToken: () => latest.current.getToken(),
      getClientId: () => getClientId(db),
      onPoke: () => {
        // A poke follows a message: whoever was typing has likely sent it. A typist still at it
        // refreshes within the throttle interval.
        typingPeers.set(new Map());
        latest.current.onPoke();
        clearTimeout(settle);
        settle = setTimeout(() => latest.current.onPoke(), wiring.client.settlePullMs);
      },
      onTyping: (from) => peerTyped(from),
      onState: (state) => {
        liveState.set(state);
        latest.current.setPollMs(state === 'live' ? null : fallbackMs);
      },
      onTokenNeeded: () => latest.current.onTokenNeeded?.(),
      isOnline: () => navigator.onLine,
    });
    client.current = current;
    currentClient.set(current);
    liveState.set('connecting');
    const online = () => current.retryNow();
    const offline = () => current.drop();
    window.addEventListener('online', online);
    window.addEventListener('offline', offline);
    current.start();
    return () => {
      window.removeEventListener('online', online);
      window.removeEventListener('offline', offline);
      current.stop();
      clearTimeout(settle);
      client.current = null;
      if (currentClient.get() === current) currentClient.set(null);
      liveState.set('off');
      typingPeers.set(new Map());
    };
  }, [url, enabled, db]);

  return useRef(() => client.current?.retryNow()).current;
}
