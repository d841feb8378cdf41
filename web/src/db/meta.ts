import { PROTOCOL_VERSION } from '@chatscape/sync-api/protocol';
import type { ChatDb } from './schema.ts';

/**
 * Where sync stands, written by whoever flushed last (a tab or the service worker):
 * - `idle`: the last exchange succeeded;
 * - `syncing`: mutations are on their way;
 * - `offline`: the network failed, retrying with backoff;
 * - `error`: the server failed (5xx, 429, unexpected answer), retrying with backoff;
 * - `auth`: no usable ID token; waiting for the page to refresh it.
 */
export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'error' | 'auth';

export interface SyncStatus {
  phase: SyncPhase;
  lastSyncAt: number | null;
  error?: string;
  /** When the next automatic attempt is due (backoff / Retry-After). */
  retryAt?: number;
}

/** The ID token handed from the page to the service worker. */
export interface StoredToken {
  idToken: string;
  /** ms; a token past this is never sent. */
  expiresAt: number;
}

interface MetaValues {
  /**
   * The cursor of protocol-1 pulls: still written by a worker cached from before protocol 2
   * (it shares this database during a rollout), never read any more; see PULL_CURSOR.
   */
  cursor: string | null;
  /** Where this client's pulls (protocol 2) have reached. */
  'cursor.v2': string | null;
  clientId: string;
  status: SyncStatus;
  token: StoredToken;
  /** Set once the first pull has been applied (history then counts as read). */
  initialSyncDone: boolean;
  /** The last arrival number given to a message (see LocalMessage.arrival). (v3) */
  arrivalSeq: number;
  /** Every message that arrived at or before this has its search words (word-backlog.ts). (v4) */
  wordsIndexedUpTo: number;
  /** "Send read receipts", the account's (absent = on): see db/commands/receipts.ts. */
  readReceipts: boolean;
  /** The id of the settings.set that `readReceipts` comes from (newest wins). */
  readReceiptsId: string;
}

export type MetaKey = keyof MetaValues;

/**
 * The meta key of the pull cursor: one per protocol version. A client of an older protocol on
 * the same database (a service worker cached from before a rollout, which Dexie lets open the
 * newer database at its installed version) moves its own cursor past what its protocol does
 * not get (events, deleted messages), so it must never move ours: a device upgrading starts
 * its new cursor from the beginning, once, and so also learns every edit and delete that was
 * made while it ran the old version.
 */
export const PULL_CURSOR = `cursor.v${PROTOCOL_VERSION}` as const satisfies MetaKey;

export async function getMeta<K extends MetaKey>(
  db: ChatDb,
  key: K,
): Promise<MetaValues[K] | undefined> {
  const row = await db.meta.get(key);
  return row?.value as MetaValues[K] | undefined;
}

export async function setMeta<K extends MetaKey>(
  db: ChatDb,
  key: K,
  value: MetaValues[K],
): Promise<void> {
  await db.meta.put({ key, value });
}

/** The client id sent with every sync request: one per device database, made on first use. */
export async function getClientId(db: ChatDb): Promise<string> {
  return db.transaction('rw', db.meta, async () => {
    const existing = await getMeta(db, 'clientId');
    if (existing) return existing;
    const id = crypto.randomUUID();
    await setMeta(db, 'clientId', id);
    return id;
  });
}

export async function updateStatus(db: ChatDb, patch: Partial<SyncStatus>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = (await getMeta(db, 'status')) ?? { phase: 'idle', lastSyncAt: null };
    const next: SyncStatus = { ...current, ...patch };
    if (patch.phase === 'idle' || patch.phase === 'syncing') {
      delete next.error;
      delete next.retryAt;
    }
    await setMeta(db, 'status', next);
  });
}

/** The stored token if it is still valid for at least `skewMs`, else null. */
export async function getValidToken(
  db: ChatDb,
  now: number,
  skewMs = 30_000,
): Promise<string | null> {
  const token = await getMeta(db, 'token');
  if (!token || token.expiresAt - skewMs <= now) return null;
  return token.idToken;
}
