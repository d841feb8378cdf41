import { describe, expect, it } from 'vitest';
import { answerConfig, CONFIG_CACHE } from './config-cache.ts';

/** One named cache as a Map, enough for the route. */
function fakeCaches() {
  const entries = new Map<string, Response>();
  const cache = {
    match: async (key: string) => entries.get(key)?.clone(),
    put: async (key: string, response: Response) => void entries.set(key, response),
  };
  const opened: string[] = [];
  return {
    opened,
    entries,
    caches: {
      open: async (name: string) => {
        opened.push(name);
        return cache as unknown as Cache;
      },
    },
  };
}

const config = (apiURL: string) =>
  new Response(JSON.stringify({ apiURL }), { headers: { 'content-type': 'application/json' } });
const request = (cache: RequestCache = 'default') =>
  new Request('https://app.example/config.json', { cache });

describe('the worker serves config.json cache first', () => {
  it('answers from the cache without waiting for the network, and refreshes it meanwhile', async () => {
    const { caches, entries, opened } = fakeCaches();
    entries.set('/config.json', config('https://old.example'));
    const background: Promise<unknown>[] = [];
    let release: (r: Response) => void = () => undefined;
    const slow = new Promise<Response>((resolve) => {
      release = resolve;
    });
    const answer = await answerConfig(request(), {
      caches,
      fetch: () => slow, // a weak connection: the answer must not wait for it
      waitUntil: (task) => background.push(task),
    });
    expect(await answer.json()).toEqual({ apiURL: 'https://old.example' });
    expect(opened).toEqual([CONFIG_CACHE]);
    release(config('https://new.example'));
    await Promise.all(background);
    expect(await entries.get('/config.json')?.clone().json()).toEqual({
      apiURL: 'https://new.example',
    });
  });

  it("goes to the network for a page's refresh, and for a first start with nothing cached", async () => {
    const { caches, entries } = fakeCaches();
    entries.set('/config.json', config('https://old.example'));
    const deps = { caches, fetch: async () => config('https://new.example'), waitUntil: () => {} };
    expect(await (await answerConfig(request('no-cache'), deps)).json()).toEqual({
      apiURL: 'https://new.example',
    });
    const empty = fakeCaches();
    const first = await answerConfig(request(), { ...deps, caches: empty.caches });
    expect(await first.json()).toEqual({ apiURL: 'https://new.example' });
    expect(empty.entries.has('/config.json')).toBe(true);
  });

  it('falls back to the cache offline, keeps no error answer, and fails with nothing cached', async () => {
    const { caches, entries } = fakeCaches();
    entries.set('/config.json', config('https://old.example'));
    const offline = async (): Promise<Response> => {
      throw new TypeError('Failed to fetch');
    };
    const deps = { caches, fetch: offline, waitUntil: () => {} };
    expect(await (await answerConfig(request('no-cache'), deps)).json()).toEqual({
      apiURL: 'https://old.example',
    });
    const broken = { ...deps, fetch: async () => new Response('oops', { status: 503 }) };
    expect((await answerConfig(request('no-cache'), broken)).status).toBe(503);
    expect(await entries.get('/config.json')?.clone().json()).toEqual({
      apiURL: 'https://old.example',
    });
    const empty = fakeCaches();
    await expect(answerConfig(request(), { ...deps, caches: empty.caches })).rejects.toThrow(
      'Failed to fetch',
    );
  });
});
