import type { UserManager } from 'oidc-client-ts';
import { type ChatDb, deleteChatDb, unregisterAccount } from '../../db/index.ts';
import { clearDraftBackups } from '../../lib/draft-backup.ts';
import { defaultLock, type LockFn } from '../../lib/locks.ts';
import { lockName } from '../../sync/index.ts';
import { announceSignOut } from './sign-out-channel.ts';

/** Deletes caches made at runtime; the precached shell and the config stay for next time. */
export async function clearRuntimeCaches(): Promise<void> {
  if (!('caches' in globalThis)) return;
  const keep = (name: string) => name.startsWith('workbox-precache') || name === 'chatscape-config';
  const names = await caches.keys();
  await Promise.all(names.filter((name) => !keep(name)).map((name) => caches.delete(name)));
}

/**
 * How long sign-out waits for a sync run of another tab or the worker to finish (it may be
 * waiting on the network). Past this it deletes anyway: that run's connection closes for good
 * on the deletion, so its answer is dropped and cannot recreate anything.
 */
const LOCK_WAIT_MS = 10_000;

export interface SignOutOptions {
  lock?: LockFn;
  lockWaitMs?: number;
}

/**
 * Removes the user's data from this device: under the user's sync lock, so no run of a tab or
 * the service worker is halfway through applying an answer, the account is unregistered first
 * (no flush starts for it again, and nothing may open its database) and then the database is
 * deleted, which closes every other connection to it for good. Then the other tabs are told.
 */
export async function removeLocalData(db: ChatDb, options: SignOutOptions = {}): Promise<void> {
  const lock = options.lock ?? defaultLock();
  let wiping: Promise<void> | undefined;
  const wipe = () => {
    wiping ??= (async () => {
      await unregisterAccount(db.self);
      await deleteChatDb(db);
      clearDraftBackups(db.name);
    })();
    return wiping;
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, options.lockWaitMs ?? LOCK_WAIT_MS);
  });
  try {
    await Promise.race([lock(lockName(db.self), wipe), waited.then(wipe)]);
  } finally {
    clearTimeout(timer);
  }
  announceSignOut(db.self);
}

/**
 * Signs out: this user's database, account registration and runtime caches go first (so
 * nothing is left if the redirect never returns), then the refresh token is revoked
 * (best effort), the stored session removed and the OpenID end-session visited when online,
 * else a local sign-out.
 */
export async function signOut(
  db: ChatDb,
  manager: UserManager | null,
  options: SignOutOptions = {},
): Promise<void> {
  await removeLocalData(db, options);
  await clearRuntimeCaches();
  if (!manager) return;
  const user = await manager.getUser();
  const online = globalThis.navigator?.onLine ?? true;
  if (online && user?.refresh_token) {
    try {
      await manager.revokeTokens(['refresh_token']);
    } catch (error) {
      // No revocation endpoint, or offline after all: the token expires on its own.
      console.warn('refresh token revocation failed', error);
    }
  }
  await manager.removeUser();
  if (!online || !user) return;
  try {
    await manager.signoutRedirect({ id_token_hint: user.id_token });
  } catch (error) {
    // e.g. Cognito's discovery has no end_session_endpoint: the local sign-out stands.
    console.warn('end-session failed; signed out on this device only', error);
  }
}
