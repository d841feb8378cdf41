import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/load-config.ts';
import { CONFIG_STORAGE_KEY, type StartStorage, startMode } from './start-mode.ts';

function storage(entries: Record<string, string>): StartStorage & Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (i: number) => [...map.keys()][i] ?? null,
    getItem: (k: string) => map.get(k) ?? null,
    setItem: (k: string, v: string) => void map.set(k, v),
    removeItem: (k: string) => void map.delete(k),
    clear: () => map.clear(),
  };
}

const onlineConfig = JSON.stringify({ apiURL: 'https://chat.example', authority: 'https://id' });
const storedUser = 'oidc.user:https://id.example:client-1';

describe('startMode (the start script and the entry)', () => {
  it('shows the landing page to a first-time visitor', () => {
    expect(startMode('/', storage({}))).toBe('landing');
    expect(startMode('/', null)).toBe('landing');
  });

  it('starts the app for a stored user, also on a deep link, and with no config cached', () => {
    expect(startMode('/', storage({ [storedUser]: '{}' }))).toBe('app');
    expect(startMode('/chat/bob%40example.com', storage({ x: '1', [storedUser]: '{}' }))).toBe(
      'app',
    );
  });

  it('starts the app on the way back from the provider, signed in or not yet', () => {
    expect(startMode('/callback', storage({}))).toBe('app');
  });

  it('starts the app when the last config.json had no apiURL (demo mode)', () => {
    expect(startMode('/', storage({ [CONFIG_STORAGE_KEY]: '{}' }))).toBe('app');
    expect(startMode('/', storage({ [CONFIG_STORAGE_KEY]: onlineConfig }))).toBe('landing');
  });

  it('treats unreadable storage as signed out', () => {
    const broken = storage({ [CONFIG_STORAGE_KEY]: '{not json' });
    expect(startMode('/', broken)).toBe('landing');
    const throwing = {
      get length(): number {
        throw new Error('SecurityError');
      },
      key: () => null,
      getItem: () => null,
    };
    expect(startMode('/', throwing)).toBe('landing');
  });

  it('reads the key loadConfig writes', async () => {
    const store = storage({});
    const response = new Response('{}', { headers: { 'content-type': 'application/json' } });
    await loadConfig({ fetch: async () => response, storage: store });
    expect(store.getItem(CONFIG_STORAGE_KEY)).toBe('{}');
    expect(startMode('/', store)).toBe('app');
  });
});
