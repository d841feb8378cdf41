import { useEffect, useMemo } from 'react';
import type { ChatDb } from '../db/index.ts';
import { type Session, SessionProvider } from '../lib/session.tsx';
import type { SyncTransport } from '../sync/index.ts';
import { ChatShell } from './chat-shell.tsx';
import { useRoute } from './use-route.ts';
import { useSyncEngine } from './use-sync-engine.ts';

export interface SessionShellProps {
  db: ChatDb;
  demo: boolean;
  transport: SyncTransport | null;
  getToken: () => Promise<string | null>;
  onUnauthorized?: () => void;
  onSignOut: () => void;
  onSignInAgain?: () => void;
  apiURL?: string;
  /** Live delivery socket; omitted = poll. */
  realtimeURL?: string | undefined;
  /** A new value asks for a sync now (e.g. a fresh token arrived). */
  kickSignal?: unknown;
}

/** Wires a session: its database, its sync loop, routing, and the chat UI. */
export function SessionShell(props: SessionShellProps) {
  const { db, demo } = props;
  const { navigate, peer } = useRoute();
  const { afterWrite, kick } = useSyncEngine({
    db,
    transport: props.transport,
    getToken: props.getToken,
    ...(props.onUnauthorized && { onUnauthorized: props.onUnauthorized }),
    background: !demo,
    realtimeURL: props.realtimeURL,
  });
  // biome-ignore lint/correctness/useExhaustiveDependencies: the signal is the trigger
  useEffect(() => kick(), [kick, props.kickSignal]);
  const session = useMemo<Session>(
    () => ({ db, self: db.self, demo, afterWrite, navigate }),
    [db, demo, afterWrite, navigate],
  );
  return (
    <SessionProvider value={session}>
      <ChatShell
        peer={peer}
        apiURL={props.apiURL}
        onSignOut={props.onSignOut}
        onSignInAgain={props.onSignInAgain}
      />
    </SessionProvider>
  );
}
