import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { vi } from 'vitest';
import type { ChatDb } from '../db/index.ts';
import { type Session, SessionProvider } from '../lib/session.tsx';
import { freshDb } from './db.ts';

/** Renders UI inside a session on a fresh database, with spies for afterWrite and navigate. */
export function renderInSession(ui: ReactElement, db: ChatDb = freshDb()) {
  const session: Session = {
    db,
    self: db.self,
    demo: false,
    afterWrite: vi.fn(),
    navigate: vi.fn(),
  };
  const result = render(<SessionProvider value={session}>{ui}</SessionProvider>);
  return { ...result, session, db };
}
