/** Page-side steps of the search bench (self-contained functions, run by page.evaluate). */
import type { LocalMessage } from '../../web/src/db/types.ts';
import type { SearchPageApi } from './page-entry.ts';

type SearchWindow = typeof globalThis & {
  __searchBench: SearchPageApi;
  __miniSearch?: unknown;
  __miniJson?: string;
};

export interface SeedArgs {
  name: string;
  self: string;
  messages: number;
  contacts: number;
  /** The app's ChatDb (v4: `*words` kept by the middleware), or the same schema without it. */
  indexed: boolean;
}

export interface SeedResult {
  /** bulkAdd of every message, 2,000 to a transaction. */
  seedMs: number;
  /** One `messages.add` per transaction (a send's write), each timed. */
  singleAddMs: number[];
  /** navigator.storage.estimate() usage growth. */
  storageBytes: number;
}

/**
 * Fills a database with synthetic messages: 11 words each, drawn (Zipf-like) from a
 * 5,000-word vocabulary of pronounceable words, plus "the" in 80 % of them and one rare word
 * ("zeppelin") in 1 in 2,000. Half the messages are in one conversation. Ids are time-ordered
 * like the app's UUIDv7.
 */
export async function seedMessages(args: SeedArgs): Promise<SeedResult> {
  const api = (globalThis as SearchWindow).__searchBench;
  await api.Dexie.delete(args.name);
  const before = (await navigator.storage.estimate()).usage ?? 0;
  let db: InstanceType<typeof api.Dexie>;
  if (args.indexed) {
    db = new api.ChatDb(args.name, args.self);
  } else {
    db = new api.Dexie(args.name);
    db.version(3).stores({
      contacts: 'email, lastActivity, ackedUntil',
      messages: 'id, [peer+rank+id], [peer+arrival]',
      outbox: '++seq, &id, status',
      meta: 'key',
      drafts: 'peer',
    });
  }
  await db.open();
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'to', 've', 'di', 'po', 'an', 'el'];
  const vocabulary = Array.from({ length: 5_000 }, (_, i) => {
    let word = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / 12)) word += syllables[n % 12];
    return word;
  });
  const pick = () => vocabulary[Math.floor(vocabulary.length * random() ** 3)] ?? 'ka';
  const T0 = 1_700_000_000_000;
  const peers = Array.from({ length: args.contacts }, (_, i) => `peer${i}@example.com`);
  await db.table('contacts').bulkPut(
    peers.map((email, i) => ({
      email,
      name: `Peer ${i}`,
      blocked: false,
      request: false,
      reported: false,
      updatedAt: T0,
      lastMessageAt: null,
      lastReadAt: 0,
      lastActivity: T0 + i,
      readArrival: 0,
    })),
  );
  const row = (i: number): LocalMessage => {
    const words = Array.from({ length: 11 }, pick);
    if (random() < 0.8) words[0] = 'the';
    if (i % 2_000 === 1_000) words[5] = 'zeppelin';
    const peer = (i % 2 === 0 ? peers[0] : peers[1 + (i % (peers.length - 1 || 1))]) ?? 'x';
    const time = T0 + i * 1_000;
    const hex = time.toString(16).padStart(12, '0');
    return {
      id: `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-${String(i).padStart(12, '0')}`,
      sender: i % 3 === 0 ? args.self : peer,
      recipient: i % 3 === 0 ? peer : args.self,
      body: words.join(' '),
      sentAt: time,
      serverTime: time,
      peer,
      rank: time,
      arrival: i + 1,
      state: 'sent',
    };
  };
  const start = performance.now();
  for (let from = 0; from < args.messages; from += 2_000) {
    const chunk = [];
    for (let i = from; i < Math.min(args.messages, from + 2_000); i++) chunk.push(row(i));
    await db.table('messages').bulkAdd(chunk);
  }
  const seedMs = performance.now() - start;
  const singleAddMs: number[] = [];
  for (let k = 0; k < 50; k++) {
    const message = row(args.messages + k);
    const t = performance.now();
    await db.table('messages').add(message);
    singleAddMs.push(performance.now() - t);
  }
  const storageBytes = ((await navigator.storage.estimate()).usage ?? 0) - before;
  db.close();
  return { seedMs, singleAddMs, storageBytes };
}

/** `search()` (web/src/search) for each query, `runs` times after one warm-up; ms per run. */
export async function timeQueries(args: {
  name: string;
  self: string;
  queries: string[];
  runs: number;
}): Promise<Record<string, { ms: number[]; hits: number; more: boolean }>> {
  const api = (globalThis as SearchWindow).__searchBench;
  const db = new api.ChatDb(args.name, args.self);
  await db.open();
  const out: Record<string, { ms: number[]; hits: number; more: boolean }> = {};
  for (const query of args.queries) {
    const first = await api.search(db, query);
    const ms: number[] = [];
    for (let r = 0; r < args.runs; r++) {
      const t = performance.now();
      await api.search(db, query);
      ms.push(performance.now() - t);
    }
    const hits = first.conversations.reduce((n, g) => n + g.messages.length, 0);
    out[query] = { ms, hits, more: first.more };
  }
  db.close();
  return out;
}

/**
 * The result list as the app draws it (MessageResults in a SessionProvider): from mounting it
 * with the query to the frame painted after its results are in the DOM; ms per run.
 */
export async function timePaint(args: {
  name: string;
  self: string;
  query: string;
  runs: number;
}): Promise<number[]> {
  const api = (globalThis as SearchWindow).__searchBench;
  const db = new api.ChatDb(args.name, args.self);
  await db.open();
  const host = document.createElement('div');
  document.body.append(host);
  const session = { db, self: args.self, demo: false, afterWrite() {}, navigate() {} };
  const painted = () =>
    new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const ms: number[] = [];
  for (let r = 0; r <= args.runs; r++) {
    const root = api.createRoot(host);
    const t = performance.now();
    const results = api.createElement(api.MessageResults, {
      query: args.query,
      onChoose() {},
      onLeaveTop() {},
    });
    root.render(api.createElement(api.SessionProvider, { value: session, children: results }));
    while (!host.querySelector('.search-hit')) {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await painted();
    if (r > 0) ms.push(performance.now() - t); // run 0 warms up
    root.unmount();
  }
  host.remove();
  db.close();
  return ms;
}

/**
 * MiniSearch over the same messages, as the app would have to do at every start: read them
 * all, index them (folded words, prefix search, every word required), then query and keep
 * the 50 newest; and the cost of persisting the index instead (JSON out, JSON back in).
 */
export async function miniSearchRun(args: {
  name: string;
  self: string;
  queries: string[];
  runs: number;
}) {
  const w = globalThis as SearchWindow;
  const api = w.__searchBench;
  const db = new api.ChatDb(args.name, args.self);
  await db.open();
  let t = performance.now();
  const rows: LocalMessage[] = await db.messages.toArray();
  const readMs = performance.now() - t;
  db.close();
  const options = {
    fields: ['body'],
    storeFields: ['rank', 'peer'],
    tokenize: (text: string) => api.wordsOf(text),
    processTerm: (term: string) => term,
    searchOptions: { prefix: true, combineWith: 'AND' as const },
  };
  t = performance.now();
  const mini = new api.MiniSearch(options);
  mini.addAll(rows.map(({ id, body, rank, peer }) => ({ id, body, rank, peer })));
  const buildMs = performance.now() - t;
  w.__miniSearch = mini; // kept for the heap reading
  const queries: Record<string, { ms: number[]; hits: number }> = {};
  for (const query of args.queries) {
    const ms: number[] = [];
    let hits = 0;
    for (let r = 0; r <= args.runs; r++) {
      t = performance.now();
      const found = mini.search(query);
      found.sort((a, b) => (b.rank as number) - (a.rank as number));
      found.slice(0, 50);
      if (r > 0) ms.push(performance.now() - t);
      hits = found.length;
    }
    queries[query] = { ms, hits };
  }
  t = performance.now();
  const json = JSON.stringify(mini);
  const saveMs = performance.now() - t;
  t = performance.now();
  api.MiniSearch.loadJSON(json, options);
  const loadMs = performance.now() - t;
  return { readMs, buildMs, saveMs, loadMs, jsonBytes: json.length, queries };
}

export function dropMiniSearch(): void {
  (globalThis as SearchWindow).__miniSearch = undefined;
}
