import { Workbox } from 'workbox-window';

export interface UpdateState {
  /** A new version is installed and waiting. */
  waiting: boolean;
}

let workbox: Workbox | undefined;
let state: UpdateState = { waiting: false };
const listeners = new Set<() => void>();
const HOUR = 60 * 60 * 1000;

/**
 * Registers /sw.js through workbox-window (no inline script: the CSP forbids it). A waiting
 * worker (an update) shows the prompt. The page reloads on `controlling` only after the user
 * clicked Reload: on a first visit the worker claims the page too, and that must not reload.
 */
export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  workbox = new Workbox('/sw.js', { scope: '/' });
  workbox.addEventListener('waiting', () => {
    state = { waiting: true };
    for (const listener of listeners) listener();
  });
  void workbox.register();
  // Long-lived tabs look for updates now and then, and when they come back into view.
  setInterval(() => void workbox?.update(), HOUR);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void workbox?.update();
  });
}

export function applyUpdate(): void {
  if (!workbox) return;
  workbox.addEventListener('controlling', () => window.location.reload());
  workbox.messageSkipWaiting();
}

/** The update state; the same object until it changes. */
export function updateState(): UpdateState {
  return state;
}

export function subscribeUpdateState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

interface SyncManagerLike {
  register(tag: string): Promise<void>;
}

/**
 * Asks for a Background Sync of the outbox (Chromium): the service worker flushes it as soon
 * as connectivity allows, even after the tab is closed. A no-op elsewhere.
 */
export async function requestBackgroundSync(): Promise<boolean> {
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return false;
  const registration = await navigator.serviceWorker.ready;
  const sync = (registration as ServiceWorkerRegistration & { sync?: SyncManagerLike }).sync;
  if (!sync) return false;
  try {
    await sync.register('outbox');
    return true;
  } catch {
    return false;
  }
}

/** Hands a flush to the service worker, which can finish it after this page is gone. */
export function askWorkerToFlush(self: string): void {
  navigator.serviceWorker?.controller?.postMessage({ type: 'FLUSH', self });
}
