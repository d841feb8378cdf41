import { Dexie, type DexieOptions } from 'dexie';
import { ChatDb } from './schema.ts';

export const DEMO_SELF = 'you@demo.chatscape.app';
const PREFIX = 'chatscape-';

/** One database per signed-in user, so two accounts in one browser never mix. */
export function dbNameFor(self: string, demo = false): string {
  return demo ? `${PREFIX}demo` : `${PREFIX}user-${self.toLowerCase()}`;
}

export function openChatDb(self: string, options?: DexieOptions & { demo?: boolean }): ChatDb {
  return new ChatDb(dbNameFor(self, options?.demo), self.toLowerCase(), options);
}

/** Deletes a user's local data (sign-out). Closes the handle first so delete is not blocked. */
export async function deleteChatDb(db: ChatDb): Promise<void> {
  db.close();
  await Dexie.delete(db.name);
}
