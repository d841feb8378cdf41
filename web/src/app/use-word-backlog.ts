import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef } from 'react';
import { type ChatDb, drainWordBacklog, wordsBehind } from '../db/index.ts';

/** Resolves when the browser is idle (or soon, where requestIdleCallback is missing). */
const whenIdle = () =>
  new Promise<void>((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve());
    else setTimeout(resolve, 50);
  });

/**
 * Works off the search index's backlog (db/word-backlog.ts) at idle time while the app is
 * open: after a big pull, and at start when a previous session (or the service worker's
 * pull) left some. Nothing is lost if the tab closes mid-way: the next start resumes.
 */
export function useWordBacklog(db: ChatDb) {
  const behind = useLiveQuery(() => wordsBehind(db), [db]);
  const running = useRef(false);
  useEffect(() => {
    if (!behind || running.current) return;
    running.current = true;
    (async () => {
      // Until caught up, arrivals during the drain included.
      while (await wordsBehind(db)) await drainWordBacklog(db, whenIdle);
    })()
      // The database closing (sign-out) or a failed chunk: the watermark says what is left.
      .catch(() => undefined)
      .finally(() => {
        running.current = false;
      });
  }, [db, behind]);
}
