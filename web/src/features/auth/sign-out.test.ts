import type { SyncRequest } from '@chatscape/sync-api/protocol';
import { Dexie } from 'dexie';
import type { UserManager } from 'oidc-client-ts';
import { describe, expect, it, vi } from 'vitest';
import {
  addContact,
  type ChatDb,
  getMeta,
  isRegistered,
  openChatDb,
  openSignedInDb,
  openUserDb,
  PULL_CURSOR,
  registerAccount,
} from '../../db/index.ts';
import { draftBackupKey } from '../../lib/draft-backup.ts';
import type { LockFn } from '../../lib/locks.ts';
import { type SyncAnswer, type SyncTransport, syncOnce } from '../../sync/index.ts';
import { removeLocalData, signOut } from './sign-out.ts';

const API = 'https://api.example.com';
let counter = 0;
/** A user of their own per test: the accounts database is shared by the whole file. */
const someone = () => `user-${++counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;

const exists = (db: ChatDb) => Dexie.exists(db.name);

/** A transport whose one answer (a first page of history) waits until `release()`. */
function heldTransport(self: string) {
  let release = () => {};
  let arrived = () => {};
  const requested = new Promise<void>((resolve) => {
    arrived = resolve;
  });
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const transport: SyncTransport = {
    async sync(request: SyncRequest): Promise<SyncAnswer> {
      arrived();
      await held;
      return {
        results: request.mutations.map((m) => ({ id: m.id, status: 'applied' })),
        changes: {
          contacts: [],
          messages: [
            {
              id: crypto.randomUUID(),
              sender: 'bob@example.com',
              recipient: self,
              body: 'page one of the history',
              sentAt: 1,
              serverTime: 1,
            },
          ],
        },
        cursor: 'after-page-one',
        more: true,
      };
    },
  };
  return { transport, requested, release };
}

/**
 * Two connections to one signed-in user's database: a tab's and the service worker's. The
 * worker's is opened as the worker does (openUserDb: never reopens itself), or with Dexie's
 * auto-open (how every handle was made before), which only the versionchange rule stops.
 */
async function signedIn(open: 'guarded' | 'auto-open') {
  const self = someone();
  const page = await openSignedInDb(self, API);
  const worker = open === 'guarded' ? await openUserDb(self) : openChatDb(self);
  if (!worker) throw new Error('not registered');
  await addContact(page, { name: 'Bob', email: 'bob@example.com' });
  return { self, page, worker };
}

const noLock: LockFn = async (_name, fn) => fn();

describe.each(['guarded', 'auto-open'] as const)('sign-out while a %s connection syncs', (open) => {
  it('waits for the run holding the lock, then the database is gone for good', async () => {
    const { self, page, worker } = await signedIn(open);
    const { transport, requested, release } = heldTransport(self);
    const syncing = syncOnce({
      db: worker,
      transport,
      getToken: async () => 'token',
      maxRounds: 1,
    });
    await requested;
    const leaving = removeLocalData(page);
    release();
    await Promise.allSettled([syncing, leaving]);
    expect(await exists(page)).toBe(false);
    expect(await isRegistered(self)).toBe(false);
    // Nothing the worker still holds can bring it back.
    await expect(worker.meta.put({ key: 'cursor', value: 'late' })).rejects.toThrow();
    expect(await exists(page)).toBe(false);
  });

  it('an answer arriving after the deletion is dropped: it never recreates the database', async () => {
    const { self, page, worker } = await signedIn(open);
    const deleted = vi.fn();
    worker.onDeleted(deleted);
    const { transport, requested, release } = heldTransport(self);
    const syncing = syncOnce({
      db: worker,
      transport,
      getToken: async () => 'token',
      maxRounds: 1,
    });
    await requested;
    // As if the run's lock were lost (another realm without Web Locks): no exclusion at all.
    await removeLocalData(page, { lock: noLock });
    expect(deleted).toHaveBeenCalledTimes(1);
    release();
    await expect(syncing).rejects.toThrow();
    expect(await exists(page)).toBe(false);
    await expect(addContact(worker, { name: 'Eve', email: 'eve@example.com' })).rejects.toThrow();
    expect(await exists(page)).toBe(false);
  });

  it('the next sign-in starts from an empty database and pulls from the start', async () => {
    const { self, page, worker } = await signedIn(open);
    const { transport, requested, release } = heldTransport(self);
    const syncing = syncOnce({
      db: worker,
      transport,
      getToken: async () => 'token',
      maxRounds: 1,
    });
    await requested;
    await removeLocalData(page, { lock: noLock });
    release();
    await Promise.allSettled([syncing]);
    const again = await openSignedInDb(self, API);
    expect(await getMeta(again, PULL_CURSOR)).toBeUndefined();
    expect(await getMeta(again, 'initialSyncDone')).toBeUndefined();
    expect(await again.contacts.count()).toBe(0);
    expect(await again.messages.count()).toBe(0);
    again.close();
  });
});

describe('opening a user database', () => {
  it('refuses a user who is not signed in on this browser, and creates nothing', async () => {
    const self = someone();
    expect(await openUserDb(self)).toBeNull();
    expect(await Dexie.exists(`chatscape-user-${self}`)).toBe(false);
  });

  it('a sign-in deletes what an earlier sign-out left behind', async () => {
    const self = someone();
    // A database without a registration: what an older version resurrected after sign-out.
    const leftover = new Dexie(`chatscape-user-${self}`);
    leftover.version(1).stores({ meta: 'key' });
    await leftover.table('meta').put({ key: PULL_CURSOR, value: 'stale' });
    leftover.close();
    const db = await openSignedInDb(self, API);
    expect(await getMeta(db, PULL_CURSOR)).toBeUndefined();
    db.close();
  });
});

/** A sessionStorage for node: what a tab keeps for itself. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('draft copies in sessionStorage', () => {
  it('go with the database: a sign-out leaves no text of that user in the tab', async () => {
    vi.stubGlobal('sessionStorage', memoryStorage());
    try {
      const self = someone();
      const other = someone();
      const db = await openSignedInDb(self, API);
      const otherDb = await openSignedInDb(other, API);
      sessionStorage.setItem(draftBackupKey(db.name, 'bob@example.com'), 'half a sentence');
      sessionStorage.setItem(draftBackupKey(otherDb.name, 'bob@example.com'), 'not theirs');
      await removeLocalData(db, { lock: noLock });
      expect(sessionStorage.getItem(draftBackupKey(db.name, 'bob@example.com'))).toBeNull();
      expect(sessionStorage.getItem(draftBackupKey(otherDb.name, 'bob@example.com'))).toBe(
        'not theirs',
      );
      otherDb.close();
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('signOut', () => {
  it('revokes the refresh token before removing the stored user', async () => {
    const self = someone();
    await registerAccount(self, API);
    const db = await openSignedInDb(self, API);
    const calls: string[] = [];
    const manager = {
      getUser: async () => ({ id_token: 'id', refresh_token: 'refresh' }),
      revokeTokens: async (types: string[]) => void calls.push(`revoke ${types.join(',')}`),
      removeUser: async () => void calls.push('remove'),
      signoutRedirect: async () => void calls.push('end-session'),
    } as unknown as UserManager;
    await signOut(db, manager);
    expect(calls).toEqual(['revoke refresh_token', 'remove', 'end-session']);
    expect(await exists(db)).toBe(false);
  });

  it('a failed revocation still signs out', async () => {
    const db = await openSignedInDb(someone(), API);
    const manager = {
      getUser: async () => ({ id_token: 'id', refresh_token: 'refresh' }),
      revokeTokens: async () => {
        throw new Error('no revocation endpoint');
      },
      removeUser: vi.fn(async () => {}),
      signoutRedirect: vi.fn(async () => {}),
    };
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await signOut(db, manager as unknown as UserManager);
    expect(manager.removeUser).toHaveBeenCalled();
    expect(manager.signoutRedirect).toHaveBeenCalled();
  });
});
