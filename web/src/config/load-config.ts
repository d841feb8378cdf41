import { type AppConfig, parseConfig } from './config.ts';

const STORAGE_KEY = 'chatscape-config';

export interface LoadConfigDeps {
  fetch?: typeof fetch;
  storage?: Pick<Storage, 'getItem' | 'setItem'>;
  timeoutMs?: number;
}

/**
 * Network first, cached copy offline. The service worker already falls back to its cache for
 * /config.json; the localStorage copy covers the first load before the worker controls the
 * page, and lie-fi (a fetch that hangs is abandoned after `timeoutMs`). A 404, or an HTML
 * page (a host's single-page-app fallback), means there is no config at all: demo mode.
 */
export async function loadConfig(deps: LoadConfigDeps = {}): Promise<AppConfig> {
  const doFetch = deps.fetch ?? globalThis.fetch.bind(globalThis);
  const storage = deps.storage ?? globalThis.localStorage;
  let response: Response;
  try {
    response = await doFetch('/config.json', {
      cache: 'no-cache',
      signal: AbortSignal.timeout(deps.timeoutMs ?? 5000),
    });
    if (!response.ok && response.status !== 404) throw new Error(`HTTP ${response.status}`);
  } catch (error) {
    const cached = storage.getItem(STORAGE_KEY);
    if (cached === null) throw new Error(`config.json could not be loaded (${String(error)})`);
    return parseConfig(JSON.parse(cached));
  }
  const isJson = response.headers.get('content-type')?.includes('json') ?? false;
  const data: unknown = response.status === 404 || !isJson ? {} : await response.json();
  const config = parseConfig(data);
  storage.setItem(STORAGE_KEY, JSON.stringify(data));
  return config;
}
