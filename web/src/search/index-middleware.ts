import type { DBCore, DBCoreMutateRequest, Middleware } from 'dexie';
import { wordsOf } from './words.ts';

interface Indexable {
  body?: unknown;
  words?: string[];
}

function withWords<T>(value: T): T {
  const row = value as Indexable;
  if (row.words !== undefined || typeof row.body !== 'string') return value;
  return { ...row, words: wordsOf(row.body) } as T;
}

/**
 * Keeps every message's `words` (the search index entry) in the same write as the message:
 * whatever code path adds or puts a message row, the row reaches IndexedDB with its words,
 * in the same transaction, so no entry can be lost or lag behind. A row that already carries
 * `words` keeps them (a state change rewrites the row it read); code that changes a
 * message's body must drop `words` so they are computed again.
 */
export const searchIndexMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'searchIndex',
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'messages') return table;
        return {
          ...table,
          mutate(request: DBCoreMutateRequest) {
            if (request.type !== 'add' && request.type !== 'put') return table.mutate(request);
            return table.mutate({ ...request, values: request.values.map(withWords) });
          },
        };
      },
    };
  },
};
