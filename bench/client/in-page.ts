/** Page-side steps that use the app's own code from page-entry.ts (self-contained functions). */
import type { SyncResponse } from '../../sync-api/src/protocol/index.ts';
import type { BenchPageApi } from './page-entry.ts';

type BenchWindow = typeof globalThis & {
  __chatscapeBench: BenchPageApi;
  __benchPull?: SyncResponse[];
};

/** Whether the app's first sync for `self` has finished (it records it in its meta table). */
export async function appFirstSyncDone(self: string): Promise<boolean> {
  const { ChatDb, dbNameFor } = (globalThis as BenchWindow).__chatscapeBench;
  const db = new ChatDb(dbNameFor(self), self);
  try {
    return (await db.meta.get('initialSyncDone'))?.value === true;
  } finally {
    db.close();
  }
}

export function keepPull(pull: SyncResponse[]): void {
  (globalThis as BenchWindow).__benchPull = pull;
}

/**
 * Applies the kept pull through the app's own sync loop (syncOnce, fed the pages by a
 * transport in the page, so it groups pages into transactions as it does for real): into a
 * scratch database (deleted before and after), or with `name: null` into the app's own
 * database for `self` (kept: that is what the cold starts open). Then times, on it, what the
 * UI's live queries re-run after a write and, on a scratch database only, the send command's
 * own transaction.
 */
export async function applyKeptPull(args: { name: string | null; self: string; big: string }) {
  const w = globalThis as BenchWindow;
  const api = w.__chatscapeBench;
  const pull = w.__benchPull ?? [];
  const name = args.name ?? api.dbNameFor(args.self);
  if (args.name) await api.Dexie.delete(name);
  const db = new api.ChatDb(name, args.self);
  await db.open();
  // When each page was handed over: from one to the next is that page's share of the apply.
  const handed: number[] = [];
  let next = 0;
  const transport = {
    sync: async () => {
      handed.push(performance.now());
      const page = pull[next++];
      if (!page) throw new Error('the pull has no more pages');
      return page;
    },
  };
  const start = performance.now();
  const outcome = await api.syncOnce({
    db,
    transport,
    getToken: async () => 'bench',
    lock: (_name, fn) => fn(),
    maxRounds: pull.length,
  });
  const ms = performance.now() - start;
  if (outcome.kind !== 'ok')
    throw new Error(`the pull was not applied: ${JSON.stringify(outcome)}`);
  const end = start + ms;
  const pages = handed.map((t, k) => (handed[k + 1] ?? end) - t);
  const messages = await db.messages.count();
  const contacts = await db.contacts.count();
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const parts = {
    bulkPut: [] as number[],
    bulkPutNoWords: [] as number[],
    send: [] as number[],
    conversation: [] as number[],
    contacts: [] as number[],
    unread: [] as number[],
  };
  // The storage floor under a page: the last page's 500 messages upserted again, bare.
  const lastPage = (pull.at(-2) ?? pull.at(-1))?.changes.messages ?? [];
  const rows = lastPage.map((m) => ({
    ...m,
    peer: m.sender === args.self ? m.recipient : m.sender,
    rank: m.serverTime,
    state: 'sent' as const,
  }));
  // The same rows with no words (the middleware keeps a row's own): the *words index's share.
  // Then with their words again, which the app's own database must keep.
  const noWords = rows.map((row) => ({ ...row, words: [] }));
  for (let k = 0; k < 3; k++) {
    parts.bulkPutNoWords.push(await timed(() => db.messages.bulkPut(noWords)));
    parts.bulkPut.push(await timed(() => db.messages.bulkPut(rows)));
    if (args.name) parts.send.push(await timed(() => api.sendMessage(db, args.big, `probe ${k}`)));
    parts.conversation.push(await timed(() => api.listRecentMessages(db, args.big, 200)));
    parts.contacts.push(await timed(() => api.listContactSummaries(db)));
    parts.unread.push(await timed(() => api.totalUnread(db)));
  }
  db.close();
  if (args.name) await api.Dexie.delete(name);
  return { ms, pages, messages, contacts, parts };
}
