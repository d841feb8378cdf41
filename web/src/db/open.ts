import { Dexie } from 'dexie';
import { isRegistered, registerAccount } from './accounts.ts';
import { ChatDb, type ChatDbOptions } from './schema.ts';

export const DEMO_SELF = 'you@demo.chatscape.app';
const PREFIX = 'chatscape-';

/** One database per signed-in user, so two accounts in one browser never mix. */
export function dbNameFor(self: string, demo = false): string {
  return demo ? `${PREFIX}demo` : `${PREFIX}user-${self.toLowerCase()}`;
}

export function openChatDb(self: string, options?: ChatDbOptions & { demo?: boolean }): ChatDb {
  return new ChatDb(dbNameFor(self, options?.demo), self.toLowerCase(), options);
}

/**
 * A signed-in user's database, opened only while their account is registered on this
 * browser (null otherwise, and nothing is created). The handle never opens itself again once
 * closed (no auto-open), so a sign-out elsewhere cannot be undone by a late write. If the user
 * signed out between the check and the open, the database the open just created goes again.
 */
export async function openUserDb(self: string): Promise<ChatDb | null> {
  const email = self.toLowerCase();
  if (!(await isRegistered(email))) return null;
  const db = new ChatDb(dbNameFor(email), email, { autoOpen: false });
  await db.open();
  if (await isRegistered(email)) return db;
  db.close();
  await Dexie.delete(db.name);
  return null;
}

/**
 * Sign-in: registers the account, then opens its database. A database found for a user who
 * is not registered is what a sign-out left behind (written by an older version of the app
 * after its deletion): it is deleted first, so a sign-in always starts from what the server
 * has, never from a stale cursor that would skip the older history.
 */
export async function openSignedInDb(self: string, apiURL: string): Promise<ChatDb> {
  const email = self.toLowerCase();
  if (!(await isRegistered(email))) await Dexie.delete(dbNameFor(email));
  await registerAccount(email, apiURL);
  const db = await openUserDb(email);
  if (!db) throw new Error('signed out while signing in');
  return db;
}

/** A read or write failed because the database was closed for good (deleted: signed out). */
export const isDatabaseClosed = (error: unknown): boolean =>
  error instanceof Error && error.name === Dexie.errnames.DatabaseClosed;

/**
 * Deletes a user's local data (sign-out). Closes this handle first; every other connection
 * (other tabs, the service worker) closes for good on the `versionchange` this causes.
 */
export async function deleteChatDb(db: ChatDb): Promise<void> {
  // Through the handle: closes it for good and deletes with the handle's own IndexedDB.
  await db.delete({ disableAutoOpen: true });
}
