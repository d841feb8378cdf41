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
