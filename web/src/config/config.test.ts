import deployment from '@chatscape/sync-api/deployment' with { type: 'json' };
import { describe, expect, it } from 'vitest';
import { configSchema, parseConfig } from './config.ts';
import { loadConfig } from './load-config.ts';

const memoryStorage = () => {
  const map = new Map<string, string>();
  return {
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
  };
};

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const seed = {
  apiURL: 'https://api.example.com/',
  authority: 'https://cognito-idp.eu-north-1.amazonaws.com/eu-north-1_x',
  clientID: 'abc',
  redirectPath: '/callback',
  postLogoutPath: '/',
};

describe('config.json', () => {
  it('parses the seed config and trims the API URL', () => {
    expect(parseConfig(seed)).toMatchObject({
      mode: 'online',
      apiURL: 'https://api.example.com',
      clientID: 'abc',
    });
  });

  it('is demo mode without an apiURL', () => {
    expect(parseConfig({})).toEqual({ mode: 'demo' });
    expect(parseConfig({ apiURL: '' })).toEqual({ mode: 'demo' });
  });

  it('names the failing field', () => {
    expect(() => parseConfig({ ...seed, authority: 'not a url' })).toThrow(/authority/);
    expect(() => parseConfig({ ...seed, redirectPath: 'callback' })).toThrow(/redirectPath/);
    expect(() => parseConfig({ ...seed, endSessionEndpoint: '/logout' })).toThrow(
      /endSessionEndpoint/,
    );
  });

  it('takes the OAuth paths and sign-out endpoints from the file, never a default', () => {
    const endSessionEndpoint =
      'https://x.auth.eu-north-1.amazoncognito.com/logout?client_id=abc&logout_uri=https%3A%2F%2Fapp%2F';
    const revocationEndpoint = 'https://x.auth.eu-north-1.amazoncognito.com/oauth2/revoke';
    expect(
      parseConfig({ ...seed, redirectPath: '/signed-in', endSessionEndpoint, revocationEndpoint }),
    ).toMatchObject({
      redirectPath: '/signed-in',
      postLogoutPath: '/',
      endSessionEndpoint,
      revocationEndpoint,
    });
    const { redirectPath: _, ...withoutRedirect } = seed;
    expect(() => parseConfig(withoutRedirect)).toThrow(/redirectPath/);
  });

  it('starts from the stored copy without waiting for the network, and refreshes it for the next start', async () => {
    const storage = memoryStorage();
    await loadConfig({ fetch: async () => json(seed), storage });
    const refreshes: Promise<void>[] = [];
    const asked: RequestInit[] = [];
    let answer: (r: Response) => void = () => undefined;
    const weak = (_: RequestInfo | URL, init?: RequestInit) => {
      asked.push(init ?? {});
      return new Promise<Response>((resolve) => {
        answer = resolve;
      });
    };
    // The network has not answered (and may never): the start goes on with the stored copy.
    const started = await loadConfig({
      fetch: weak as typeof fetch,
      storage,
      background: (r) => refreshes.push(r),
      online: true,
    });
    expect(started).toMatchObject({ mode: 'online', apiURL: 'https://api.example.com' });
    expect(asked.map((init) => init.cache)).toEqual(['no-cache']);
    answer(json({ ...seed, apiURL: 'https://api2.example.com' }));
    await Promise.all(refreshes);
    const next = await loadConfig({ fetch: weak as typeof fetch, storage, background: () => {} });
    expect(next).toMatchObject({ apiURL: 'https://api2.example.com' });
  });

  it('offline, the stored copy is used and no refresh is even tried', async () => {
    const storage = memoryStorage();
    await loadConfig({ fetch: async () => json(seed), storage });
    let asked = 0;
    const counting = async () => {
      asked += 1;
      return json(seed);
    };
    const config = await loadConfig({ fetch: counting, storage, online: false });
    expect(config).toMatchObject({ mode: 'online' });
    expect(asked).toBe(0);
  });

  it('a refresh that fails keeps the stored copy; a stored copy that no longer parses is not used', async () => {
    const storage = memoryStorage();
    await loadConfig({ fetch: async () => json(seed), storage });
    const refreshes: Promise<void>[] = [];
    const failing = async () => new Response('down', { status: 503 });
    await loadConfig({
      fetch: failing,
      storage,
      background: (r) => refreshes.push(r),
      online: true,
    });
    await Promise.all(refreshes);
    expect(await loadConfig({ fetch: failing, storage, background: () => {} })).toMatchObject({
      mode: 'online',
    });
    storage.setItem('chatscape-config', JSON.stringify({ apiURL: 42 }));
    expect(await loadConfig({ fetch: async () => json({}), storage })).toEqual({ mode: 'demo' });
  });

  it('uses the network copy, and the stored copy when offline', async () => {
    const storage = memoryStorage();
    const online = await loadConfig({ fetch: async () => json(seed), storage });
    expect(online.mode).toBe('online');
    const offline = await loadConfig({
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
      storage,
    });
    expect(offline).toEqual(online);
  });

  it('treats a missing file or an SPA fallback page as demo mode', async () => {
    const storage = memoryStorage();
    expect(
      await loadConfig({ fetch: async () => new Response('nope', { status: 404 }), storage }),
    ).toEqual({ mode: 'demo' });
    const html = new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } });
    expect(await loadConfig({ fetch: async () => html, storage })).toEqual({ mode: 'demo' });
  });

  it('fails clearly with no network and nothing stored', async () => {
    const fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    await expect(loadConfig({ fetch, storage: memoryStorage() })).rejects.toThrow(
      /could not be loaded/,
    );
  });
});

describe('config.json fields', () => {
  it("are exactly the deployment contract's, which both sides write", () => {
    expect(Object.keys(configSchema.entries).sort()).toEqual(
      [...deployment.appConfig.fields].sort(),
    );
  });
});
