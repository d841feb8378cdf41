/** The worker's copy of /config.json (the same cache name the network-first rule used). */
export const CONFIG_CACHE = 'chatscape-config';
export const CONFIG_PATH = '/config.json';

export interface ConfigDeps {
  caches: Pick<CacheStorage, 'open'>;
  fetch: typeof fetch;
  /** Keeps the worker alive for work that outlives the answer (the background refresh). */
  waitUntil: (task: Promise<unknown>) => void;
}

/** A page asking past any cache: its background refresh (`cache: 'no-cache'` or stricter). */
const wantsNetwork = (request: Request) =>
  request.cache === 'no-cache' || request.cache === 'reload' || request.cache === 'no-store';

/**
 * /config.json, cache first: a start never waits for the network (a weak connection used to
 * hold it up to the 4 s network timeout). The cached copy answers at once and the network
 * refreshes it in the background, for the next start. A page's own background refresh (see
 * loadConfig) asks past the cache: the network answers it (and refreshes the cache), and only
 * when the network fails does the cached copy. Only successful answers are kept.
 */
export async function answerConfig(request: Request, deps: ConfigDeps): Promise<Response> {
  const cache = await deps.caches.open(CONFIG_CACHE);
  const cached = await cache.match(CONFIG_PATH);
  const network = deps.fetch(request).then(async (response) => {
    if (response.ok) await cache.put(CONFIG_PATH, response.clone());
    return response;
  });
  if (cached && !wantsNetwork(request)) {
    deps.waitUntil(network.catch(() => undefined));
    return cached;
  }
  try {
    return await network;
  } catch (error) {
    if (cached) return cached;
    throw error;
  }
}
