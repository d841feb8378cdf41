import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef, useState } from 'react';
import {
  type ChatDb,
  type ConversationCursor,
  type ConversationWindow,
  cursorOf,
  findOlderStart,
  listMessagesFrom,
  listRecentMessages,
} from '../../db/index.ts';

/** Messages read on open, and added each time the user reaches the top. */
export const WINDOW_PAGE = 200;

interface Widened {
  peer: string;
  from: ConversationCursor;
  hasOlder: boolean;
}

/**
 * A live window on a conversation: the newest WINDOW_PAGE messages on open; `loadOlder` widens
 * it by another page. Once widened, the window is pinned to its oldest message (not a count),
 * so messages arriving at the bottom never push out the rows the user scrolled up to read.
 */
export function useConversationWindow(db: ChatDb, peer: string) {
  const [widened, setWidened] = useState<Widened | null>(null);
  const current = widened?.peer === peer ? widened : null;
  const view = useLiveQuery(
    async (): Promise<ConversationWindow> =>
      current
        ? { messages: await listMessagesFrom(db, peer, current.from), hasOlder: current.hasOlder }
        : listRecentMessages(db, peer, WINDOW_PAGE),
    [db, peer, current?.from[0], current?.from[1], current?.hasOlder],
  );
  const loading = useRef(false);
  // Until the new peer's window is read, the hook still holds the previous peer's.
  const oldest = view?.messages[0]?.peer === peer ? view.messages[0] : undefined;
  const hasOlder = view?.hasOlder === true;

  const loadOlder = useCallback(() => {
    if (!hasOlder || !oldest || loading.current) return;
    loading.current = true;
    findOlderStart(db, peer, cursorOf(oldest), WINDOW_PAGE)
      .then((start) => {
        setWidened(start ? { peer, ...start } : { peer, from: cursorOf(oldest), hasOlder: false });
      })
      // A failed read (the database closing) leaves the window as it is; the next scroll retries.
      .catch(() => {})
      .finally(() => {
        loading.current = false;
      });
  }, [db, peer, oldest, hasOlder]);

  return { messages: view?.messages, hasOlder, loadOlder };
}
