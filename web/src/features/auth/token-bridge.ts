import type { User, UserManager } from 'oidc-client-ts';
import { type ChatDb, setMeta } from '../../db/index.ts';
import { jwtExpiry } from './user-manager.ts';

/**
 * Hands the current ID token to sync (page and service worker) through the user's meta
 * table. An expired token is stored with its expiry and never sent.
 */
export async function storeToken(db: ChatDb, user: User): Promise<boolean> {
  if (!user.id_token) return false;
  const exp = jwtExpiry(user.id_token) ?? user.expires_at;
  if (!exp) return false;
  await setMeta(db, 'token', { idToken: user.id_token, expiresAt: exp * 1000 });
  return exp * 1000 > Date.now();
}

let lastRenewal = 0;

/**
 * Gets a fresh token with the refresh token (no redirect), when online and not tried in the
 * last 30 s. A failure leaves the user signed in locally; the UI offers to sign in again.
 */
export async function renewToken(manager: UserManager): Promise<User | null> {
  const now = Date.now();
  if (!navigator.onLine || now - lastRenewal < 30_000) return null;
  lastRenewal = now;
  try {
    return await manager.signinSilent();
  } catch (error) {
    console.warn('token renewal failed', error);
    return null;
  }
}
