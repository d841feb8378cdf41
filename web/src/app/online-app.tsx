import { useEffect, useMemo, useRef, useState } from 'react';
import type { AppConfig } from '../config/config.ts';
import type { ChatDb } from '../db/index.ts';
import {
  createUserManager,
  Landing,
  signOut,
  useAuth,
  watchSignOutElsewhere,
} from '../features/auth/index.ts';
import { PushKeyProvider, stopPushForSignOut } from '../push/index.ts';
import { Splash } from './splash.tsx';
import { useUserDb } from './use-user-db.ts';
import { UserSession } from './user-session.tsx';

type OnlineConfig = Extract<AppConfig, { mode: 'online' }>;

/** With a server: the landing page until someone signs in, then their session. */
export function OnlineApp({ config }: { config: OnlineConfig }) {
  const manager = useMemo(() => createUserManager(config), [config]);
  const { state, signIn, setSignedOut } = useAuth(manager);
  const email = state.status === 'signed-in' ? state.email : null;
  const { db, error: storageError } = useUserDb(email, config.apiURL);
  const [leaving, setLeaving] = useState<ChatDb | null>(null);

  // The chat UI is unmounted first, so no live query reads a database being deleted. Once per
  // sign-out, whatever re-renders meanwhile: a second run would redirect to the end-session
  // page twice.
  const signingOut = useRef<ChatDb | null>(null);
  useEffect(() => {
    if (!leaving || signingOut.current === leaving) return;
    signingOut.current = leaving;
    // Web Push: unsubscribe (through the outbox) before the database and its outbox go.
    void stopPushForSignOut(leaving, config.apiURL)
      .then(() => signOut(leaving, manager))
      .finally(() => {
        setLeaving(null);
        setSignedOut();
      });
  }, [leaving, manager, setSignedOut, config.apiURL]);

  // Signed out in another tab (its announcement, the session leaving localStorage, or the
  // database being deleted): this tab leaves too, at once, before anything can write.
  useEffect(() => {
    if (!email) return;
    const leave = () => {
      manager.stopSilentRenew();
      setSignedOut();
    };
    const unwatch = watchSignOutElsewhere(email, leave);
    const unlisten = db?.onDeleted(leave);
    return () => {
      unwatch();
      unlisten?.();
    };
  }, [email, db, manager, setSignedOut]);

  if (leaving) return <Splash text="Signing out…" />;
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'signed-out') {
    return <Landing onSignIn={() => void signIn()} error={state.error} />;
  }
  if (storageError)
    return <Splash text={`This browser's storage cannot be opened: ${storageError}`} />;
  if (!db) return <Splash />;
  return (
    <PushKeyProvider value={config.vapidPublicKey ?? null}>
      <UserSession
        db={db}
        apiURL={config.apiURL}
        realtimeURL={config.realtimeURL}
        manager={manager}
        user={state.user}
        onSignOut={() => setLeaving(db)}
      />
    </PushKeyProvider>
  );
}
