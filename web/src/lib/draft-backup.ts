/**
 * The sessionStorage copy of a draft, written when a page goes away (a pagehide's IndexedDB
 * write may never commit; sessionStorage always does). Keyed by the user's database name so
 * sign-out can remove every copy of that user's text with the database itself.
 */
const prefix = (dbName: string) => `chatscape.draft.${dbName}.`;

export const draftBackupKey = (dbName: string, peer: string) => `${prefix(dbName)}${peer}`;

/** Removes every draft copy of this database's user from this tab's sessionStorage. */
export function clearDraftBackups(dbName: string): void {
  const storage = (globalThis as { sessionStorage?: Storage }).sessionStorage;
  if (!storage) return;
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(prefix(dbName))) keys.push(key);
  }
  for (const key of keys) storage.removeItem(key);
}
