import type { ChatDb } from '../db/index.ts';
import { getValidToken } from '../db/index.ts';
import { HttpSyncTransport, syncOnce } from '../sync/index.ts';
import { getSubscribedEndpoint } from './settings.ts';
import { disablePush } from './subscribe.ts';

/** How long sign-out waits for the unsubscribe to reach the server. */
const FLUSH_WAIT_MS = 3000;

/**
 * Before sign-out deletes the local database (and its outbox): queue push.unsubscribe, try
 * to send it (bounded), and drop the browser's subscription. Offline, the mutation is lost
 * with the database, but the dropped subscription makes its push service answer 410, and the
 * notifier then deletes the server's row: pushes stop either way. Never throws.
 */
export async function stopPushForSignOut(db: ChatDb, apiURL: string): Promise<void> {
  try {
    if (!(await getSubscribedEndpoint(db))) return;
    await disablePush(db);
    const flush = syncOnce({
      db,
      transport: new HttpSyncTransport({ apiURL }),
      getToken: () => getValidToken(db, Date.now()),
    });
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      flush,
      new Promise((resolve) => {
        timer = setTimeout(resolve, FLUSH_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
  } catch (error) {
    console.warn('push: could not unsubscribe before sign-out', error);
  }
}
