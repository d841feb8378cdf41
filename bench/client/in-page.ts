/** Page-side steps that use the app's own code from page-entry.ts (self-contained functions). */
import type { SyncResponse } from '../../sync-api/src/protocol/index.ts';
import type { BenchPageApi } from './page-entry.ts';

type BenchWindow = typeof globalThis & {
  __chatscapeBench: BenchPageApi;
  __benchPull?: SyncResponse[];
};

/** Messages in the app's own database for `self`. */
export async function countAppMessages(self: string): Promise<number> {
  const { ChatDb, dbNameFor } = (globalThis as BenchWindow).__chatscapeBench;
  const db = new ChatDb(dbNameFor(self), self);
  try {
    return await db.messages.count();
  } finally {
    db.close();
  }
}

export function keepPull(pull: SyncResponse[]): void {
  (globalThis as BenchWindow).__benchPull = pull;
}

/**
 * Applies the kept pull, page by page, into a fresh database, as the sync loop does; then
 * times, on that database, what the UI's live queries re-run after a write and the send
 * command's own transaction (the parts of "send → on screen" that are not React or paint).
 */
export async function applyKeptPull(args: { name: string; self: string; big: string }) {
  const w = globalThis as BenchWindow;
  const { ChatDb, Dexie, applyResponse } = w.__chatscapeBench;
  const api = w.__chatscapeBench;
  const pull = w.__benchPull ?? [];
  await Dexie.delete(args.name);
  const db = new ChatDb(args.name, args.self);
  await db.open();
  const start = performance.now();
  const pages: number[] = [];
  for (const response of pull) {
    const t = performance.now();
    await applyResponse(db, [], response, Date.now());
    pages.push(performance.now() - t);
  }
  const ms = performance.now() - start;
  const messages = await db.messages.count();
  const contacts = await db.contacts.count();
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const parts = {
    send: [] as number[],
    conversation: [] as number[],
    contacts: [] as number[],
    unread: [] as number[],
  };
  for (let k = 0; k < 3; k++) {
    parts.send.push(await timed(() => api.sendMessage(db, args.big, `probe ${k}`)));
    parts.conversation.push(await timed(() => api.listConversation(db, args.big)));
    parts.contacts.push(await timed(() => api.listContactSummaries(db)));
    parts.unread.push(await timed(() => api.totalUnread(db)));
  }
  db.close();
  await Dexie.delete(args.name);
  return { ms, pages, messages, contacts, parts };
}
