import { useCallback, useEffect, useRef } from 'react';
import { type ChatDb, hasQueued } from '../db/index.ts';
import { askWorkerToFlush, requestBackgroundSync } from '../features/install/index.ts';
import { useRealtime } from '../realtime/index.ts';
import {
  createSyncScheduler,
  type SyncScheduler,
  type SyncTransport,
  syncOnce,
} from '../sync/index.ts';

export interface SyncEngineOptions {
  db: ChatDb;
  /** null until the transport is ready (the demo server loads lazily). */
  transport: SyncTransport | null;
  getToken: () => Promise<string | null>;
  onUnauthorized?: () => void;
  /** Use the service worker (Background Sync, flush on leaving). Off in demo mode. */
  background: boolean;
  /** Live delivery: the socket's URL (config.json `realtimeURL`); omitted = poll as before. */
  realtimeURL?: string | undefined;
}

/**
 * Runs the page's sync loop for a session: on start, `online`, focus, becoming visible,
 * after each write, and every few seconds while visible. Where Background Sync exists each
 * write also registers the `outbox` tag, and a page being hidden with unsent items hands
 * the flush to the service worker, so nothing waits for this tab to come back.
 */
export function useSyncEngine(options: SyncEngineOptions) {
  const { db, transport, background } = options;
  const latest = useRef(options);
  latest.current = options;
  const scheduler = useRef<SyncScheduler | null>(null);

  useEffect(() => {
    if (!transport) return;
    const current = createSyncScheduler({
      run: (runOptions) =>
        syncOnce({ db, transport, getToken: () => latest.current.getToken() }, runOptions),
      isVisible: () => document.visibilityState === 'visible',
      isOnline: () => navigator.onLine,
      onUnauthorized: () => latest.current.onUnauthorized?.(),
    });
    scheduler.current = current;
    const kick = () => current.kick();
    const onVisibility = () => {
      if (document.visibilityState === 'visible') kick();
      else if (background && navigator.onLine) {
        // Rejects when the database was deleted meanwhile (signed out in another tab).
        // Receipts and drafts too: the worker sends them while this page is hidden.
        hasQueued(db).then(
          (queued) => queued && askWorkerToFlush(db.self),
          () => undefined,
        );
      }
    };
    window.addEventListener('online', kick);
    window.addEventListener('focus', kick);
    document.addEventListener('visibilitychange', onVisibility);
    kick();
    return () => {
      window.removeEventListener('online', kick);
      window.removeEventListener('focus', kick);
      document.removeEventListener('visibilitychange', onVisibility);
      current.stop();
      scheduler.current = null;
    };
  }, [db, transport, background]);

  // Live delivery (web/src/realtime): pokes kick the loop, and polling stops while live.
  const retryRealtime = useRealtime({
    url: options.realtimeURL,
    enabled: transport !== null,
    db,
    getToken: () => latest.current.getToken(),
    onTokenNeeded: () => latest.current.onUnauthorized?.(),
    onPoke: () => scheduler.current?.kick(),
    setPollMs: (ms) => scheduler.current?.setPollMs(ms),
  });

  const kick = useCallback(() => {
    scheduler.current?.kick();
    retryRealtime();
  }, [retryRealtime]);
  const afterWrite = useCallback(() => {
    if (background) void requestBackgroundSync();
    scheduler.current?.kick();
  }, [background]);
  return { kick, afterWrite };
}
