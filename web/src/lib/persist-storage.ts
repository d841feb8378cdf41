/**
 * Asks the browser to keep this origin's storage under pressure. The outbox lives in
 * IndexedDB, and an eviction would take unsent messages with it (see docs/guarantees.md);
 * browsers that grant persistence never evict without the user's say. Best effort: where it
 * is missing or refused, nothing else changes.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return false;
  try {
    return (await storage.persisted?.()) || (await storage.persist());
  } catch {
    return false;
  }
}
