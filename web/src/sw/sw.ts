/// <reference lib="webworker" />
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { flushAccounts } from '../sync/flush-accounts.ts';
import { registerConfigRoute } from './config-route.ts';
// Web Push: push and notificationclick handlers (web/src/push).
import './push.ts';

declare const self: ServiceWorkerGlobalScope & {
  __WB_MANIFEST: Array<{ url: string; revision: string | null } | string>;
};

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
}

// The shell: index.html, hashed assets, icons and the manifest, versioned by the build.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();

// Every navigation (/, /callback, deep links) is the app shell, so an offline reload works.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html')));

// Runtime config: cache first, refreshed in the background (config-cache.ts).
registerConfigRoute(self);

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event: ExtendableMessageEvent) => {
  const data = event.data as { type?: string; self?: string } | null;
  // Sent by workbox-window's messageSkipWaiting() after the user clicked Reload.
  if (data?.type === 'SKIP_WAITING') void self.skipWaiting();
  // A page asks for a flush (e.g. on its way out with unsent items); finish it here.
  if (data?.type === 'FLUSH') event.waitUntil(flushAccounts(data.self).catch(() => undefined));
});

// Background Sync: the browser fires this once connectivity allows, even with no page open.
self.addEventListener('sync', (event) => {
  const sync = event as SyncEvent;
  if (sync.tag === 'outbox') sync.waitUntil(flushAccounts());
});
