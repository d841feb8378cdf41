import { ChatDb } from '../db/index.ts';

let counter = 0;

/** A fresh database for `self` with a unique name (fake-indexeddb lives as long as the file). */
export function freshDb(self = 'alice@example.com'): ChatDb {
  counter += 1;
  return new ChatDb(`test-${counter}-${crypto.randomUUID()}`, self);
}
