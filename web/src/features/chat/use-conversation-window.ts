import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type ChatDb,
  type ConversationCursor,
  cursorOf,
  findOlderStart,
  type LocalMessage,
  listRecentMessages,
  sortsAfter,
} from '../../db/index.ts';
import { findNewerEnd, listMessagesAround, listMessagesBetween } from '../../search/index.ts';

/** Messages read on open, and added each time the user reaches the top (or bottom). */
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

/** A message to open the conversation at (a search result); `seq` tells repeated choices apart. */
export interface JumpTarget {
  id: string;
  seq: number;
}

interface Pinned {
  peer: string;
  /** The target this window was pinned under (a new target replaces the window). */
  seq: number | null;
  from: ConversationCursor;
  /** null: up to the newest message, following arrivals. */
  to: ConversationCursor | null;
  hasOlder: boolean;
}

interface View {
  messages: LocalMessage[];
  hasOlder: boolean;
  /** null: the window reaches the newest message. */
  to: ConversationCursor | null;
  /** The target it was read for (the previous window shows nothing of a new choice). */
  seq: number | null;
}

async function readView(
  db: ChatDb,
  peer: string,
  pinned: Pinned | null,
  target: JumpTarget | null,
): Promise<View> {
  const seq = target?.seq ?? null;
  if (pinned) {
    const { from, to, hasOlder } = pinned;
    return { messages: await listMessagesBetween(db, peer, from, to), hasOlder, to, seq };
  }
  if (target) {
    const around = await listMessagesAround(db, peer, target.id, WINDOW_PAGE / 2);
    if (around) return { ...around, seq };
  }
  return { ...(await listRecentMessages(db, peer, WINDOW_PAGE)), to: null, seq };
}

/**
 * A live window on a conversation: the newest WINDOW_PAGE messages on open, or, with a
 * `target`, half a page on each side of that message (any of 100,000: the window is read
 * through the index around it). `loadOlder` and `loadNewer` widen it by a page; once widened
 * it is pinned to its first (and last) message, not a count, so arrivals never push out the
 * rows the user is reading. A window that reaches the newest follows arrivals; `toNewest`
 * goes back to the newest page (the "Jump to newest" of a window that does not reach it).
 * `showSent` draws a message the user just sent at once (see withSent).
 */
export function useConversationWindow(db: ChatDb, peer: string, target: JumpTarget | null = null) {
  const [pinned, setPinned] = useState<Pinned | null>(null);
  const [released, setReleased] = useState<number | null>(null);
  const active = target && target.seq !== released ? target : null;
  const current = pinned?.peer === peer && pinned.seq === (active?.seq ?? null) ? pinned : null;
  const view = useLiveQuery(
    () => readView(db, peer, current, active),
    [db, peer, current, active?.id, active?.seq],
  );
  const loading = useRef(false);
  // Until the new peer's window is read, the hook still holds the previous peer's.
  const seq = active?.seq ?? null;
  const first = view?.messages[0];
  const mine = view && view.seq === seq && (!first || first.peer === peer);
  const read = mine ? view.messages : undefined;
  const hasOlder = read !== undefined && view?.hasOlder === true;
  const hasNewer = read !== undefined && view?.to !== null;
  // Own sends not in the window yet (see withSent); only a window that reaches the newest
  // shows them (sending from one that does not goes to the newest: see Conversation).
  const [sent, setSent] = useState<LocalMessage[]>([]);
  const showSent = useCallback(
    (message: LocalMessage) => {
      if (message.peer === peer) setSent((list) => [...list, message]);
    },
    [peer],
  );
  useEffect(() => {
    if (!read || sent.length === 0) return;
    const shown = new Set(read.map((m) => m.id));
    if (sent.some((m) => shown.has(m.id))) setSent((list) => list.filter((m) => !shown.has(m.id)));
  }, [read, sent]);
  const messages = useMemo(() => (hasNewer ? read : withSent(read, sent)), [read, sent, hasNewer]);
  const oldest = messages?.[0];
  const newest = messages?.at(-1);

  const widen = useCallback(
    (read: () => Promise<Partial<Pinned>>) => {
      if (!oldest || !newest || !view || loading.current) return;
      loading.current = true;
      const base: Pinned = { peer, seq, from: cursorOf(oldest), to: view.to, hasOlder };
      read()
        .then((change) => setPinned({ ...base, ...change }))
        // A failed read (the database closing) leaves the window as it is; the next scroll retries.
        .catch(() => {})
        .finally(() => {
          loading.current = false;
        });
    },
    [peer, seq, oldest, newest, view, hasOlder],
  );

  const loadOlder = useCallback(() => {
    if (!hasOlder || !oldest) return;
    widen(async () => {
      const start = await findOlderStart(db, peer, cursorOf(oldest), WINDOW_PAGE);
      return start ?? { hasOlder: false };
    });
  }, [db, peer, oldest, hasOlder, widen]);

  const loadNewer = useCallback(() => {
    if (!hasNewer || !newest) return;
    widen(async () => ({ to: await findNewerEnd(db, peer, cursorOf(newest), WINDOW_PAGE) }));
  }, [db, peer, newest, hasNewer, widen]);

  const toNewest = useCallback(() => {
    setPinned(null);
    setReleased(seq);
  }, [seq]);

  return {
    messages,
    hasOlder,
    hasNewer,
    loadOlder,
    loadNewer,
    toNewest,
    showSent,
    target: active,
  };
}
