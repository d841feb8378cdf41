import { type RefObject, useEffect, useRef } from 'react';
import { type ChatDb, loadDraft, saveDraft } from '../../db/index.ts';
import { enqueueWrite } from './write-queue.ts';

const SAVE_AFTER_MS = 300;

/**
 * Keeps the composer's text as this conversation's draft. Saves 300 ms after the last change,
 * and at once when the composer goes away (switching conversation, sign-out) or the page is
 * hidden or closed, so what is in the box is never lost; a cleared box deletes the draft, so
 * it never comes back. Every load and save goes through the write queue, after any send still
 * being written (a send deletes the draft in its own transaction).
 */
export function useDraft(
  db: ChatDb,
  peer: string,
  text: string,
  textRef: RefObject<string>,
  onLoaded: (draft: string) => void,
) {
  const loaded = useRef(false);
  const saved = useRef<string | null>(null);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  useEffect(() => {
    const flush = () => {
      const current = textRef.current;
      if (!loaded.current || current === saved.current) return;
      saved.current = current;
      void enqueueWrite(db, () => saveDraft(db, peer, current)).catch(() => undefined);
    };
    let live = true;
    void enqueueWrite(db, () => loadDraft(db, peer)).then((draft) => {
      if (!live) return;
      saved.current = draft;
      loaded.current = true;
      onLoadedRef.current(draft);
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      live = false;
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
      loaded.current = false;
    };
  }, [db, peer, textRef]);

  useEffect(() => {
    if (!loaded.current || text === saved.current) return;
    const timer = setTimeout(() => {
      saved.current = text;
      void enqueueWrite(db, () => saveDraft(db, peer, text)).catch(() => undefined);
    }, SAVE_AFTER_MS);
    return () => clearTimeout(timer);
  }, [db, peer, text]);
}
