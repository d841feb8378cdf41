import { type AppConfig, parseConfig } from './config.ts';

const STORAGE_KEY = 'chatscape-config';

export interface LoadConfigDeps {
  fetch?: typeof fetch;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  timeoutMs?: number;
  /** Receives the background refresh (tests await it); by default it runs on its own. */
  background?: (refresh: Promise<void>) => void;
  /** Whether the browser says it is online (default navigator.onLine): offline, no refresh. */
  online?: boolean;
}

/**
 * Cache first: a start never waits for the network. The copy stored by the last load is used
 * at once and the network copy fetched in the background for the next start (a deploy that
 * changes config.json reaches a device on its second start after it). Only with no usable
 * stored copy (the first start, or one this version no longer parses) does the start wait:
 * the service worker answers from its own cache when it has one (sw/config-cache.ts), else
 * the network, abandoned after `timeoutMs` (lie-fi). A 404, or an HTML page (a host's
 * single-page-app fallback), means there is no config at all: demo mode.
 */
export async function loadConfig(deps: LoadConfigDeps = {}): Promise<AppConfig> {
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const storage = deps.storage ?? globalThis.localStorage;
  const stored = readStored(storage);
  const online = deps.online ?? globalThis.navigator?.onLine ?? true;
  if (stored && !online) return stored;
  if (stored) {
    // Past every cache (the worker's too): the refresh is for the next start.
    const refresh = fetchConfig(doFetch, storage, 'no-cache', deps.timeoutMs ?? 30_000).then(
      () => undefined,
      () => undefined,
    );
    (deps.background ?? (() => undefined))(refresh);
    return stored;
  }
  try {
    return await fetchConfig(doFetch, storage, 'default', deps.timeoutMs ?? 5000);
  } catch (error) {
    throw new Error(`config.json could not be loaded (${String(error)})`);
  }
}

function readStored(storage: Pick<Storage, 'getItem'>): AppConfig | null {
  const cached = storage.getItem(STORAGE_KEY);
  if (cached === null) return null;
  try {
    return parseConfig(JSON.parse(cached));
  } catch {
    return null; // written by another version: load afresh
  }
}

async function fetchConfig(
  doFetch: typeof fetch,
  storage: Pick<Storage, 'setItem'>,
  cache: RequestCache,
  timeoutMs: number,
): Promise<AppConfig> {
  const response = await doFetch('/config.json', { cache, signal: AbortSignal.timeout(timeoutMs) });
  if (!response.ok && response.status !== 404) throw new Error(`HTTP ${response.status}`);
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  const data: unknown = response.status === 404 || !isJson ? {} : await response.json();
  const config = parseConfig(data);
  storage.setItem(STORAGE_KEY, JSON.stringify(data));
  return config;
}
