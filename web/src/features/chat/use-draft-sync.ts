import { liveQuery } from 'dexie';
import { type RefObject, useEffect, useRef } from 'react';
import { type ChatDb, syncDraft } from '../../db/index.ts';
import { enqueueWrite } from './write-queue.ts';

/** How long typing must pause before the draft is queued for the user's other devices. */
export const DRAFT_SYNC_MS = 1000;

/**
 * Drafts across devices, the composer's half (db/commands/drafts.ts has the rules):
 * - `schedule()` after each local save: the draft is queued once typing pauses (coalesced in
 *   the outbox), and at once when the conversation closes or the page goes away;
 * - a draft pulled from another device replaces the box's text only while the box holds what
 *   was last saved (nothing typed since): `saved` is the composer's last saved text, and
 *   `onRemote` puts the new text in the box.
 */
export function useDraftSync(
  db: ChatDb,
  peer: string,
  textRef: RefObject<string>,
  saved: RefObject<string | null>,
  onRemote: (text: string) => void,
  afterWrite: () => void,
) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onRemoteRef = useRef(onRemote);
  onRemoteRef.current = onRemote;
  const afterWriteRef = useRef(afterWrite);
  afterWriteRef.current = afterWrite;

  const flush = useRef(() => {});
  flush.current = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
    void enqueueWrite(db, () => syncDraft(db, peer)).then(
      (queued) => queued && afterWriteRef.current(),
      () => undefined,
    );
  };

  useEffect(() => {
    // A dirty draft left by a page that closed before it was queued goes now.
    flush.current();
    const subscription = liveQuery(() => db.drafts.get(peer)).subscribe({
      next: (row) => {
        if (!row || row.version === undefined || row.text === saved.current) return;
        if (saved.current === null || textRef.current !== saved.current) return;
        saved.current = row.text;
        onRemoteRef.current(row.text);
      },
      error: () => undefined,
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden' && timer.current) flush.current();
    };
    document.addEventListener('visibilitychange', onHide);
    return () => {
      subscription.unsubscribe();
      document.removeEventListener('visibilitychange', onHide);
      if (timer.current) flush.current();
    };
  }, [db, peer, saved, textRef]);

  return {
    /** After a local save: queue the draft once typing pauses. */
    schedule() {
      clearTimeout(timer.current);
      timer.current = setTimeout(() => flush.current(), DRAFT_SYNC_MS);
    },
  };
}
