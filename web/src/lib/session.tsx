import { createContext, type ReactNode, useContext } from 'react';
import type { ChatDb } from '../db/index.ts';

/** The signed-in user's world, as the features see it. */
export interface Session {
  db: ChatDb;
  self: string;
  demo: boolean;
  /** Call after every write: asks for a flush (Background Sync where supported, and the page loop). */
  afterWrite(): void;
  /** Navigate within the app. */
  navigate(path: string): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ value, children }: { value: Session; children: ReactNode }) {
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
