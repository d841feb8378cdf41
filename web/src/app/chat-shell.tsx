import { useCallback, useEffect, useRef, useState } from 'react';
import { Conversation, type JumpTarget } from '../features/chat/index.ts';
import { ContactList } from '../features/contacts/index.ts';
import { UpdatePrompt } from '../features/install/index.ts';
import { MessageResults } from '../features/search/index.ts';
import { useSession } from '../lib/session.tsx';
import { chatPath } from '../lib/text.ts';
import { PushOptIn } from '../push/index.ts';
import { Logo } from '../ui/logo.tsx';
import { AccountMenu } from './account-menu.tsx';
import { SyncStatus } from './sync-status.tsx';
import { useShortcuts } from './use-shortcuts.ts';
import { useUnreadBadge } from './use-unread-badge.ts';
import { useWordBacklog } from './use-word-backlog.ts';

export interface ChatShellProps {
  peer: string | null;
  apiURL?: string | undefined;
  onSignOut: () => void;
  onSignInAgain?: (() => void) | undefined;
}

/** Signed-in layout: list and conversation side by side from 768 px, one at a time below. */
export function ChatShell({ peer, apiURL, onSignOut, onSignInAgain }: ChatShellProps) {
  const { db, demo, navigate } = useSession();
  useUnreadBadge(db);
  useWordBacklog(db);
  useShortcuts(peer, navigate);
  const { target, choose } = useSearchTarget(peer, navigate);
  const results = useCallback(
    (query: string, focusSearch: () => void) => (
      <MessageResults query={query} onChoose={choose} onLeaveTop={focusSearch} />
    ),
    [choose],
  );
  return (
    <div className={`shell ${peer ? 'shell--conversation' : 'shell--list'}`}>
      <a className="skip-link" href="#main">
        Skip to conversation
      </a>
      <header className="topbar">
        <h1 className="topbar__brand">
          <Logo size={28} />
          <span className="topbar__name">ChatScape</span>
        </h1>
        {demo && <p className="demo-label">Demo mode — data stays on this device</p>}
        <SyncStatus onSignInAgain={onSignInAgain} />
        <AccountMenu onSignOut={onSignOut} apiURL={apiURL} />
      </header>
      <nav className="shell__sidebar" aria-label="Chats">
        <ContactList selected={peer} searchResults={results} />
      </nav>
      <main id="main" className="shell__main" tabIndex={-1}>
        {peer ? (
          <Conversation key={peer} peer={peer} target={target?.peer === peer ? target : null} />
        ) : (
          <div className="conversation conversation--empty">
            <p>Select a chat, or add a contact to start one.</p>
          </div>
        )}
      </main>
      <UpdatePrompt />
      <PushOptIn />
    </div>
  );
}

type SearchTarget = JumpTarget & { peer: string };

/**
 * The message a search result opened: the conversation opens at it while it stays open;
 * leaving for another conversation forgets it (coming back opens at the newest again).
 */
function useSearchTarget(peer: string | null, navigate: (to: string) => void) {
  const [target, setTarget] = useState<SearchTarget | null>(null);
  const seq = useRef(0);
  const previous = useRef(peer);
  useEffect(() => {
    if (previous.current === peer) return;
    if (target && previous.current === target.peer) setTarget(null);
    previous.current = peer;
  }, [peer, target]);
  const choose = useCallback(
    (to: string, id: string) => {
      seq.current += 1;
      setTarget({ peer: to, id, seq: seq.current });
      navigate(chatPath(to));
    },
    [navigate],
  );
  return { target, choose };
}
