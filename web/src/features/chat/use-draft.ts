import { type RefObject, useEffect, useRef } from 'react';
import { type ChatDb, loadDraft, saveDraft } from '../../db/index.ts';
import { draftBackupKey } from '../../lib/draft-backup.ts';
import { useDraftSync } from './use-draft-sync.ts';
import { enqueueWrite } from './write-queue.ts';

/**
 * The last text of a page that went away, kept synchronously: an IndexedDB write started in
 * `pagehide` may never commit, sessionStorage always does. Read (and removed) when the
 * conversation opens again in this tab; removed as soon as a database write has caught up.
 */
const backupKey = (db: ChatDb, peer: string) => draftBackupKey(db.name, peer);

function takeBackup(db: ChatDb, peer: string): string | null {
  try {
    const text = sessionStorage.getItem(backupKey(db, peer));
    sessionStorage.removeItem(backupKey(db, peer));
    return text;
  } catch {
    return null;
  }
}

function writeBackup(db: ChatDb, peer: string, text: string | null) {
  try {
    if (text === null) sessionStorage.removeItem(backupKey(db, peer));
    else sessionStorage.setItem(backupKey(db, peer), text);
  } catch {
    // Storage full or unavailable: the database write is still on its way.
  }
}

/**
 * Keeps the composer's text as this conversation's draft: every change is written (one write
 * at a time, the latest text each time), and the page going away or hidden keeps it too, so
 * what is in the box is never lost; a cleared box deletes the draft, so it never comes back.
 * Every load and save goes through the write queue, after any send still being written (a
 * send deletes the draft in its own transaction).
 */
export function useDraft(
  db: ChatDb,
  peer: string,
  text: string,
  textRef: RefObject<string>,
  onLoaded: (draft: string) => void,
  /** Drafts across devices (use-draft-sync.ts): a newer draft from another device. */
  onRemote: (draft: string) => void = () => {},
  afterWrite: () => void = () => {},
) {
  const loaded = useRef(false);
  const saved = useRef<string | null>(null);
  const synced = useDraftSync(db, peer, textRef, saved, onRemote, afterWrite);
  const saving = useRef(false);
  const onLoadedRef = useRef(onLoaded);
  onLoadedRef.current = onLoaded;

  // biome-ignore lint/correctness/useExhaustiveDependencies: save reads only refs
  useEffect(() => {
    let live = true;
    const backup = takeBackup(db, peer);
    void enqueueWrite(db, () => loadDraft(db, peer)).then((draft) => {
      if (!live) return;
      saved.current = draft;
      loaded.current = true;
      onLoadedRef.current(backup ?? draft);
      if (backup !== null) save();
    });
    const onHide = () => {
      if (document.visibilityState === 'hidden') keepNow();
    };
    const keepNow = () => {
      if (!loaded.current || textRef.current === saved.current) return;
      writeBackup(db, peer, textRef.current);
      save();
    };
    window.addEventListener('pagehide', keepNow);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      live = false;
      window.removeEventListener('pagehide', keepNow);
      document.removeEventListener('visibilitychange', onHide);
      save();
      loaded.current = false;
    };
  }, [db, peer, textRef]);

  /** Writes the box's current text, unless a write is on its way (it writes the latest after). */
  const save = () => {
    if (!loaded.current && saved.current === null) return;
    if (saving.current || textRef.current === saved.current) return;
    saving.current = true;
    const current = textRef.current;
    void enqueueWrite(db, () => saveDraft(db, peer, current))
      .then(() => {
        saved.current = current;
        synced.schedule();
        if (sessionStorage.getItem(backupKey(db, peer)) === current) writeBackup(db, peer, null);
      })
      .catch(() => undefined)
      .finally(() => {
        saving.current = false;
        if (textRef.current !== saved.current) save();
      });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of the text
  useEffect(() => {
    if (loaded.current) save();
  }, [text]);
}
