/**
 * What the search bench runs inside the page: the app's database, search, and result list
 * (the same sources Vite bundles), and MiniSearch for the comparison, on globalThis. Bundled
 * by search-bundle.ts, never shipped.
 */
import { Dexie } from 'dexie';
import MiniSearch from 'minisearch';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { ChatDb } from '../../web/src/db/schema.ts';
import { MessageResults } from '../../web/src/features/search/message-results.tsx';
import { SessionProvider } from '../../web/src/lib/session.tsx';
import { search } from '../../web/src/search/query.ts';
import { wordsOf } from '../../web/src/search/words.ts';

const api = {
  ChatDb,
  createElement,
  createRoot,
  Dexie,
  MessageResults,
  MiniSearch,
  search,
  SessionProvider,
  wordsOf,
};
export type SearchPageApi = typeof api;
(globalThis as unknown as { __searchBench: SearchPageApi }).__searchBench = api;
