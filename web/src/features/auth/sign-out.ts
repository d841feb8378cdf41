import type { UserManager } from 'oidc-client-ts';
import { type ChatDb, deleteChatDb, unregisterAccount } from '../../db/index.ts';

/** Deletes caches made at runtime; the precached shell and the config stay for next time. */
export async function clearRuntimeCaches(): Promise<void> {
  if (!('caches' in globalThis)) return;
  const keep = (name: string) => name.startsWith('workbox-precache') || name === 'chatscape-config';
  const names = await caches.keys();
  await Promise.all(names.filter((name) => !keep(name)).map((name) => caches.delete(name)));
}

/**
 * Signs out: this user's database, account registration and runtime caches go first (so
 * nothing is left if the redirect never returns), then the OpenID end-session when online,
 * else a local sign-out.
 */
export async function signOut(db: ChatDb, manager: UserManager | null): Promise<void> {
  await deleteChatDb(db);
  await unregisterAccount(db.self);
  await clearRuntimeCaches();
  if (!manager) return;
  const user = await manager.getUser();
  await manager.removeUser();
  if (!navigator.onLine || !user) return;
  try {
    await manager.signoutRedirect({ id_token_hint: user.id_token });
  } catch (error) {
    // e.g. Cognito's discovery has no end_session_endpoint: the local sign-out stands.
    console.warn('end-session failed; signed out on this device only', error);
  }
}
