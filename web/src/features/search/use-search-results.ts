import { Dexie, type ObservabilitySet } from 'dexie';
import { useEffect, useState } from 'react';
import type { ChatDb } from '../../db/index.ts';
import { type SearchResults, search } from '../../search/index.ts';

/** After a write (a sync page, a send), results are read again once writes pause this long. */
export const REFRESH_MS = 250;

/**
 * The search results for `query`, read again whenever messages or contacts change (here, in
 * another tab or in the service worker). Not a live query: Dexie's live queries record every
 * key a query reads to know when to re-run, and a common word's key range over 100,000
 * messages made that bookkeeping cost more than the search itself; the results only need to
 * follow writes, which `storagemutated` reports. While the next results are read, the last
 * ones stay on screen.
 */
export function useSearchResults(
  db: ChatDb,
  query: string,
  limit: number,
): SearchResults | undefined {
  const [results, setResults] = useState<SearchResults>();
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const prefix = `idb://${db.name}/`;
    const tables = [`${prefix}messages/`, `${prefix}contacts/`];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChange = (parts: ObservabilitySet) => {
      if (!Object.keys(parts).some((part) => tables.some((t) => part.startsWith(t)))) return;
      clearTimeout(timer);
      timer = setTimeout(() => setVersion((v) => v + 1), REFRESH_MS);
    };
    Dexie.on.storagemutated.subscribe(onChange);
    return () => {
      clearTimeout(timer);
      Dexie.on.storagemutated.unsubscribe(onChange);
    };
  }, [db]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a fresh read
  useEffect(() => {
    let current = true;
    search(db, query, { limit }).then(
      (next) => {
        if (current) setResults(next);
      },
      // The database closing (sign-out): the list goes with it.
      () => {},
    );
    return () => {
      current = false;
    };
  }, [db, query, limit, version]);

  return results;
}
