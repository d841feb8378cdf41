/**
 * Whether a page load starts the chat app or shows the signed-out landing page. Runs twice
 * with the same answer: compiled into index.html's render-blocking start script (see
 * web/scripts/landing-plugin.ts), so a signed-in user never sees the prerendered landing page
 * flash, and from the app's entry (web/src/app/main.ts). It must stay free of imports: the
 * start script is this file with its exports removed.
 */
export type StartMode = 'app' | 'landing';

/** What this reads of localStorage. */
export interface StartStorage {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

/** load-config.ts keeps the last config.json here (asserted equal by start-mode.test.ts). */
export const CONFIG_STORAGE_KEY = 'chatscape-config';
/** oidc-client-ts's WebStorageStateStore keeps the signed-in user as `oidc.user:<authority>:<client>`. */
export const STORED_USER_PREFIX = 'oidc.user:';
/** The sign-in redirect lands here (deployment.json oauth.redirectPath; use-auth.ts). */
export const CALLBACK_PATH = '/callback';

/**
 * The app: when coming back from the provider, when a user is stored (signed in, also
 * offline), or when the last config.json seen had no apiURL (demo mode has no landing page).
 * Anything unreadable counts as signed out: the app still corrects a wrong guess.
 */
export function startMode(pathname: string, storage: StartStorage | null): StartMode {
  if (pathname === CALLBACK_PATH) return 'app';
  if (!storage) return 'landing';
  try {
    for (let i = 0; i < storage.length; i++) {
      if (storage.key(i)?.startsWith(STORED_USER_PREFIX)) return 'app';
    }
    const cached = storage.getItem(CONFIG_STORAGE_KEY);
    if (cached !== null) {
      const config = JSON.parse(cached) as { apiURL?: unknown } | null;
      if (!config?.apiURL) return 'app';
    }
  } catch {
    return 'landing';
  }
  return 'landing';
}
