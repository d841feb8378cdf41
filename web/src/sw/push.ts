/// <reference lib="webworker" />
// Web Push in the service worker (web/src/push): a push pulls through the sync path, then
// shows the conversation's notification; a click opens it. Imported by sw.ts.
import { listAccounts, openUserDb } from '../db/index.ts';
import { openFromNotification } from '../push/handle-click.ts';
import { handlePush } from '../push/handle-push.ts';
import type { NotificationData } from '../push/notification-content.ts';
import { flushAccounts } from '../sync/flush-accounts.ts';

declare const self: ServiceWorkerGlobalScope;

function payloadOf(event: PushEvent): unknown {
  try {
    return event.data?.json();
  } catch {
    return undefined;
  }
}

self.addEventListener('push', (event) => {
  const data = payloadOf(event);
  event.waitUntil(
    handlePush(
      {
        accounts: listAccounts,
        sync: (who) => flushAccounts(who),
        openDb: openUserDb,
        windows: async () =>
          (await self.clients.matchAll({
            type: 'window',
            includeUncontrolled: true,
          })) as readonly WindowClient[],
        show: (c) => self.registration.showNotification(c.title, c.options),
        displayed: (tag) => self.registration.getNotifications(tag ? { tag } : undefined),
        setBadge: async (count) => {
          const nav = self.navigator as WorkerNavigator & {
            setAppBadge?: (n?: number) => Promise<void>;
            clearAppBadge?: () => Promise<void>;
          };
          if (count > 0) await nav.setAppBadge?.(count);
          else await nav.clearAppBadge?.();
        },
        unsubscribe: async () => {
          await (await self.registration.pushManager.getSubscription())?.unsubscribe();
        },
      },
      data,
    ),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const data = event.notification.data as Partial<NotificationData> | null;
  event.waitUntil(openFromNotification(self.clients, self.location.origin, data?.url ?? '/'));
});
