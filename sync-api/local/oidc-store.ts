import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface StoredRecord {
  payload: AdapterPayload;
  /** Epoch ms; null = no expiry. */
  expiresAt: number | null;
}

interface StoreFile {
  cookieKeys: string[];
  records: Record<string, StoredRecord>;
}

/**
 * oidc-provider's state (sessions, grants, codes, refresh tokens) and its cookie-signing keys,
 * kept in memory and, with a file, written back shortly after each change: a restarted stack
 * keeps users signed in and their refresh tokens valid, as Cognito would.
 */
export interface OidcStore {
  cookieKeys: string[];
  adapterFor(model: string): Adapter;
  /** Writes pending changes; call before exit. */
  flush(): Promise<void>;
}

async function readStoreFile(file: string | null): Promise<StoreFile | undefined> {
  if (file === null) return undefined;
  try {
    return JSON.parse(await readFile(file, 'utf8')) as StoreFile;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Models whose records die with their grant (as in oidc-provider's memory adapter). */
const grantable = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
  'PreAuthorizedCode',
]);

export async function openOidcStore(file: string | null): Promise<OidcStore> {
  const loaded = await readStoreFile(file);
  const cookieKeys = loaded?.cookieKeys ?? [randomBytes(32).toString('base64url')];
  const records = new Map(Object.entries(loaded?.records ?? {}));
  let timer: NodeJS.Timeout | undefined;
  let writing = Promise.resolve();

  const live = (key: string) => {
    const record = records.get(key);
    if (record && record.expiresAt !== null && record.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return record;
  };
  const write = async () => {
    if (file === null) return;
    for (const key of records.keys()) live(key);
    const data: StoreFile = { cookieKeys, records: Object.fromEntries(records) };
    await mkdir(dirname(file), { recursive: true });
    await writeFile(`${file}.tmp`, JSON.stringify(data), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
  };
  const changed = () => {
    if (file === null || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      writing = writing.then(write);
    }, 50);
  };
  const findWhere = (model: string, match: (p: AdapterPayload) => boolean) => {
    for (const key of records.keys()) {
      const record = key.startsWith(`${model}:`) ? live(key) : undefined;
      if (record && match(record.payload)) return record.payload;
    }
    return undefined;
  };

  const adapterFor = (model: string): Adapter => ({
    async upsert(id, payload, expiresIn) {
      const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : null;
      records.set(`${model}:${id}`, { payload, expiresAt });
      changed();
    },
    find: async (id) => live(`${model}:${id}`)?.payload,
    findByUid: async (uid) => findWhere(model, (p) => p.uid === uid),
    findByUserCode: async (code) => findWhere(model, (p) => p.userCode === code),
    async consume(id) {
      const record = live(`${model}:${id}`);
      if (record) record.payload.consumed = Math.floor(Date.now() / 1000);
      changed();
    },
    async destroy(id) {
      records.delete(`${model}:${id}`);
      changed();
    },
    async revokeByGrantId(grantId) {
      for (const [key, record] of records) {
        const model = key.slice(0, key.indexOf(':'));
        if (grantable.has(model) && record.payload.grantId === grantId) records.delete(key);
      }
      changed();
    },
  });

  return {
    cookieKeys,
    adapterFor,
    async flush() {
      if (timer) {
        clearTimeout(timer);
        timer = undefined;
        writing = writing.then(write);
      }
      await writing;
    },
  };
}
