import { useEffect, useMemo, useState } from 'react';
import type { AppConfig } from '../config/config.ts';
import { type ChatDb, openChatDb } from '../db/index.ts';
import { createUserManager, Landing, signOut, useAuth } from '../features/auth/index.ts';
import { Splash } from './splash.tsx';
import { UserSession } from './user-session.tsx';

type OnlineConfig = Extract<AppConfig, { mode: 'online' }>;

/** With a server: the landing page until someone signs in, then their session. */
export function OnlineApp({ config }: { config: OnlineConfig }) {
  const manager = useMemo(() => createUserManager(config), [config]);
  const { state, signIn, setSignedOut } = useAuth(manager);
  const email = state.status === 'signed-in' ? state.email : null;
  const db = useMemo(() => (email ? openChatDb(email) : null), [email]);
  const [leaving, setLeaving] = useState<ChatDb | null>(null);

  // The chat UI is unmounted first, so no live query reads a database being deleted.
  useEffect(() => {
    if (!leaving) return;
    void signOut(leaving, manager).finally(() => {
      setLeaving(null);
      setSignedOut();
    });
  }, [leaving, manager, setSignedOut]);

  if (leaving) return <Splash text="Signing out…" />;
  if (state.status === 'loading') return <Splash />;
  if (state.status === 'signed-out' || !db) {
    return (
      <Landing
        onSignIn={() => void signIn()}
        error={state.status === 'signed-out' ? state.error : undefined}
      />
    );
  }
  return (
    <UserSession
      db={db}
      apiURL={config.apiURL}
      realtimeURL={config.realtimeURL}
      manager={manager}
      user={state.user}
      onSignOut={() => setLeaving(db)}
    />
  );
}
