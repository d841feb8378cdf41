import type { User, UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { type ChatDb, getValidToken } from '../db/index.ts';
import { renewToken, storeToken } from '../features/auth/index.ts';
import { requestPersistentStorage } from '../lib/persist-storage.ts';
import { HttpSyncTransport } from '../sync/index.ts';
import { SessionShell } from './session-shell.tsx';

export interface UserSessionProps {
  db: ChatDb;
  apiURL: string;
  /** Live delivery socket (config.json `realtimeURL`). */
  realtimeURL?: string | undefined;
  manager: UserManager;
  user: User;
  onSignOut: () => void;
}

/**
 * A signed-in user. Their ID token goes to the meta table (for the page's sync and the
 * service worker) whenever oidc-client-ts loads or renews it; sync starts once it is there.
 * An expired token while offline changes nothing visible: the app works from the local
 * database and sync waits.
 */
export function UserSession({
  db,
  apiURL,
  realtimeURL,
  manager,
  user,
  onSignOut,
}: UserSessionProps) {
  const transport = useMemo(() => new HttpSyncTransport({ apiURL }), [apiURL]);
  const [ready, setReady] = useState(false);
  const [tokenVersion, setTokenVersion] = useState(0);

  // The account was registered when the database was opened (openSignedInDb).
  useEffect(() => {
    void requestPersistentStorage();
  }, []);

  useEffect(() => {
    let live = true;
    storeToken(db, user).then(
      (valid) => {
        if (!live) return;
        setReady(true);
        setTokenVersion((n) => n + 1);
        if (!valid) void renewToken(manager);
      },
      // The database was deleted under us (signed out in another tab): nothing to hand over.
      (error: unknown) => console.warn('could not store the token', error),
    );
    return () => {
      live = false;
    };
  }, [db, user, manager]);

  const getToken = useCallback(() => getValidToken(db, Date.now()), [db]);
  const onUnauthorized = useCallback(() => void renewToken(manager), [manager]);
  const signInAgain = useCallback(() => void manager.signinRedirect(), [manager]);

  return (
    <SessionShell
      db={db}
      demo={false}
      transport={ready ? transport : null}
      kickSignal={tokenVersion}
      getToken={getToken}
      onUnauthorized={onUnauthorized}
      onSignOut={onSignOut}
      onSignInAgain={signInAgain}
      apiURL={apiURL}
      realtimeURL={realtimeURL}
    />
  );
}
