import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type ChatDb,
  type ConversationCursor,
  type ConversationWindow,
  cursorOf,
  findOlderStart,
  type LocalMessage,
  listMessagesFrom,
  listRecentMessages,
  sortsAfter,
} from '../../db/index.ts';

/** Messages read on open, and added each time the user reaches the top. */
export const WINDOW_PAGE = 200;

/**
 * The window with the user's own just-sent messages that it does not hold yet, in display
 * order. A send's transaction has committed when they are handed over, so they are exactly
 * what the live query will read; until it has (it re-runs after every write, alongside the
 * other live queries on the page), they are drawn from here, in the frame after the commit.
 */
export function withSent(
  messages: LocalMessage[] | undefined,
  sent: LocalMessage[],
): LocalMessage[] | undefined {
  if (!messages || sent.length === 0) return messages;
  const shown = new Set(messages.map((m) => m.id));
  const missing = sent.filter((m) => !shown.has(m.id));
  if (missing.length === 0) return messages;
  return [...messages, ...missing].sort((a, b) => (sortsAfter(a, b) ? 1 : -1));
}

interface Widened {
  peer: string;
  from: ConversationCursor;
  hasOlder: boolean;
}

/**
 * A live window on a conversation: the newest WINDOW_PAGE messages on open; `loadOlder` widens
 * it by another page. Once widened, the window is pinned to its oldest message (not a count),
 * so messages arriving at the bottom never push out the rows the user scrolled up to read.
 * `showSent` draws a message the user just sent at once (see withSent).
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
  const [sent, setSent] = useState<LocalMessage[]>([]);
  const showSent = useCallback(
    (message: LocalMessage) => {
      if (message.peer === peer) setSent((list) => [...list, message]);
    },
    [peer],
  );
  // Once the live query holds them, they are drawn from it alone.
  useEffect(() => {
    if (!view || sent.length === 0) return;
    const shown = new Set(view.messages.map((m) => m.id));
    if (sent.some((m) => shown.has(m.id))) setSent((list) => list.filter((m) => !shown.has(m.id)));
  }, [view, sent]);
  const messages = useMemo(() => withSent(view?.messages, sent), [view, sent]);
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

  return { messages, hasOlder, loadOlder, showSent };
}
