import { getValidToken, isDatabaseClosed, listAccounts, openUserDb } from '../db/index.ts';
import { syncErrorCodes } from './errors.ts';
import { HttpSyncTransport } from './http-sync-transport.ts';
import { type SyncOutcome, syncOnce } from './sync-once.ts';

/**
 * The service worker's flush (Background Sync or a page's request): every signed-in account
 * on this browser, or just `only`, each with the ID token its page stored. An expired token
 * is never sent; that account waits for its page. Rejects when a retryable failure is left,
 * so Background Sync schedules another attempt.
 *
 * An account signed out meanwhile is skipped: openUserDb refuses it once unregistered, and a
 * database deleted while its run waited for the lock or was mid-request is closed for good
 * (nothing is written, nothing recreated).
 */
export async function flushAccounts(only?: string): Promise<SyncOutcome[]> {
  const accounts = (await listAccounts()).filter((a) => !only || a.self === only);
  const outcomes = await Promise.all(
    accounts.map(async (account): Promise<SyncOutcome> => {
      const db = await openUserDb(account.self);
      if (!db) return { kind: 'skipped' };
      try {
        return await syncOnce({
          db,
          transport: new HttpSyncTransport({ apiURL: account.apiURL }),
          getToken: () => getValidToken(db, Date.now()),
        });
      } catch (error) {
        if (isDatabaseClosed(error)) return { kind: 'skipped' };
        throw error;
      } finally {
        db.close();
      }
    }),
  );
  const retryable = outcomes.some(
    (o) => o.kind === 'failed' && o.error.code !== syncErrorCodes.unauthorized,
  );
  if (retryable) throw new Error('sync incomplete; will retry');
  return outcomes;
}
