/** The search tables and their targets. */
import { percentile, type Summary, summarize } from '../lib/stats.ts';
import { figure, mib, num } from '../report/format.ts';
import type { Row, Section, Target } from '../report/types.ts';
import type { SeedResult } from './in-page.ts';

export interface SizeResult {
  messages: number;
  contacts: number;
  plain: SeedResult;
  indexed: SeedResult;
  dexie: Record<string, { ms: number[]; hits: number; more: boolean }>;
  paint: Summary;
  mini: {
    readMs: number;
    buildMs: number;
    saveMs: number;
    loadMs: number;
    jsonBytes: number;
    queries: Record<string, { ms: number[]; hits: number }>;
  };
  miniHeapBytes: number;
}

const count = (n: number) => n.toLocaleString('en-US');
const p50 = (values: number[]) => num(percentile(values, 50));

function queryCells(
  queries: Record<string, { ms: number[]; hits: number }>,
  hits: boolean,
): Record<string, string> {
  const cells: Record<string, string> = {};
  for (const [query, q] of Object.entries(queries)) {
    cells[`"${query}" ms`] = hits
      ? `${figure(summarize(q.ms))} (${count(q.hits)})`
      : figure(summarize(q.ms));
  }
  return cells;
}

function dexieRow(r: SizeResult): Row {
  const perMessage = ((r.indexed.seedMs - r.plain.seedMs) / r.messages) * 1000;
  return {
    messages: count(r.messages),
    'bulk write ms (with index / without)': `${num(r.indexed.seedMs)} / ${num(r.plain.seedMs)}`,
    'index upkeep µs/message': num(perMessage),
    'one add ms p50 (with / without)': `${p50(r.indexed.singleAddMs)} / ${p50(r.plain.singleAddMs)}`,
    'disk MB (with / without)': `${mib(r.indexed.storageBytes)} / ${mib(r.plain.storageBytes)}`,
    ...queryCells(r.dexie, true),
    'results painted ms ("the")': r.paint,
  };
}

function miniRow(r: SizeResult): Row {
  return {
    messages: count(r.messages),
    'read all rows ms': num(r.mini.readMs),
    'build ms': num(r.mini.buildMs),
    'JS heap': mib(r.miniHeapBytes),
    ...queryCells(r.mini.queries, false),
    'persisted JSON': mib(r.mini.jsonBytes),
    'JSON save / load ms': `${num(r.mini.saveMs)} / ${num(r.mini.loadMs)}`,
  };
}

function paintTarget(r: SizeResult): Target {
  const goal = r.messages >= 100_000 ? 100 : 50;
  return {
    name: `search a word, results painted (${count(r.messages)} messages)`,
    goal: `<= ${goal} ms`,
    measured: `${figure(r.paint)} ms`,
    met: r.paint.median <= goal,
    note:
      r.paint.median <= goal
        ? undefined
        : `${num(r.paint.median / goal)}x the goal. The query alone takes ${figure(summarize(r.dexie.the?.ms ?? []))} ms ("zeppelin", 1 in 2,000: ${figure(summarize(r.dexie.zeppelin?.ms ?? []))} ms): "the" is in 80 % of the messages and a multi-entry index is unranked, so newest first means reading every key of its range (IndexedDB getAllKeys), then the page's rows. To close it: a word index partitioned by time (newest partition first, stop once a page is full), or searching messages from the second letter on.`,
  } as Target;
}

export function searchSections(results: SizeResult[]): Section[] {
  const sizes = results.map((r) => count(r.messages)).join(' and ');
  return [
    {
      id: 'search-dexie',
      title: `Search: the app's Dexie multi-entry word index (${sizes} messages)`,
      path: 'Chromium, a page of its own origin; the app\'s ChatDb (v4 `*words`, kept by the DBCore middleware) and `search()` (web/src/search/query.ts) bundled from source; synthetic 11-word messages (Zipf-like over 5,000 words, "the" in 80 %, "zeppelin" in 1 in 2,000), half in one conversation; the same rows written to the v3 schema (no word index) for the upkeep',
      rows: results.map(dexieRow),
      notes: [
        'Query cells: median (min–max) ms of `search(db, q)` (page of 50, every word a prefix, newest first), and in brackets the messages returned. "results painted": `MessageResults` mounted with the query to the frame after its rows are in the DOM. Index upkeep: the bulk write with the index minus without, per message; "one add" is a single-row transaction, what a send or an applied message pays.',
      ],
      targets: results.map(paintTarget),
    },
    {
      id: 'search-minisearch',
      title: `Search: MiniSearch 7.2 in memory over the same messages (${sizes})`,
      path: 'Chromium, the same page; what the app would do at each start: read every message from IndexedDB, `addAll` (the same folded words via `tokenize: wordsOf`, prefix search, every word required), then query and sort the matches newest first; or persist the index as JSON and load it back',
      rows: results.map(miniRow),
      notes: [
        'JS heap: JSHeapUsedSize after a forced GC, with the index held, minus before it was built (the rows read from IndexedDB are garbage by then).',
      ],
      targets: [],
    },
  ];
}
