import type { ChatDb } from '../../db/index.ts';

const tails = new WeakMap<ChatDb, Promise<unknown>>();

/**
 * Runs the composer's writes to one database (sends, draft loads and saves) one after another,
 * in the order they were asked for, whichever conversation or composer asked. So a message
 * submitted while the previous one is still being written lands after it, and a draft save
 * never races the send that deletes the draft. A failed task does not stop the ones after it.
 */
export function enqueueWrite<T>(db: ChatDb, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(db) ?? Promise.resolve();
  const next = previous.then(task);
  tails.set(
    db,
    next.catch(() => undefined),
  );
  return next;
}
