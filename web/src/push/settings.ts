import type { ChatDb } from '../db/index.ts';

/**
 * Per-device notification settings, in the user's own database (so sign-out deletes them with
 * everything else). The meta table's typed keys belong to db/; these two are push's own.
 */
const keys = {
  previews: 'push.previews',
  endpoint: 'push.endpoint',
  promptDismissed: 'push.promptDismissed',
} as const;

async function read<T>(db: ChatDb, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

/** "Show message previews": on unless the user turned it off. */
export async function getShowPreviews(db: ChatDb): Promise<boolean> {
  return (await read<boolean>(db, keys.previews)) !== false;
}

export async function setShowPreviews(db: ChatDb, on: boolean): Promise<void> {
  await db.meta.put({ key: keys.previews, value: on });
}

/** The endpoint this device subscribed with (what sign-out unsubscribes), or undefined. */
export function getSubscribedEndpoint(db: ChatDb): Promise<string | undefined> {
  return read<string>(db, keys.endpoint);
}

export async function setSubscribedEndpoint(db: ChatDb, endpoint: string | null): Promise<void> {
  if (endpoint === null) await db.meta.delete(keys.endpoint);
  else await db.meta.put({ key: keys.endpoint, value: endpoint });
}

export async function getPromptDismissed(db: ChatDb): Promise<boolean> {
  return (await read<boolean>(db, keys.promptDismissed)) === true;
}

export async function setPromptDismissed(db: ChatDb): Promise<void> {
  await db.meta.put({ key: keys.promptDismissed, value: true });
}
