import type { Rolldown } from 'vite';
import { describe, expect, it } from 'vitest';
import { lazyFiles, startScript } from '../../scripts/landing-plugin.ts';
import { prerenderLanding } from './prerender.tsx';
import { STORED_USER_PREFIX } from './start-mode.ts';

/** Runs the built start script as a browser would, against the given path and storage. */
async function runStartScript(pathname: string, entries: Record<string, string>, throws = false) {
  const keys = Object.keys(entries);
  const localStorage = {
    length: keys.length,
    key: (i: number) => keys[i] ?? null,
    getItem: (k: string) => entries[k] ?? null,
  };
  const dataset: Record<string, string> = {};
  const window = throws
    ? Object.defineProperty({}, 'localStorage', {
        get() {
          throw new Error('SecurityError');
        },
      })
    : { localStorage };
  new Function('window', 'document', 'location', await startScript())(
    window,
    { documentElement: { dataset } },
    { pathname },
  );
  return dataset.start;
}

describe('the start script index.html loads before the first paint', () => {
  it('marks <html> for the app when a user is stored, else for the landing page', async () => {
    expect(await runStartScript('/', {})).toBe('landing');
    expect(await runStartScript('/', { [`${STORED_USER_PREFIX}https://id:c`]: '{}' })).toBe('app');
    expect(await runStartScript('/callback', {})).toBe('app');
    expect(await runStartScript('/', {}, true)).toBe('landing');
  });

  it('is a classic script: no module syntax, no TypeScript left', async () => {
    const script = await startScript();
    expect(script).not.toMatch(/^\s*(import|export)\b/m);
    expect(() => new Function(script)).not.toThrow();
  });
});

describe('the prerendered landing page', () => {
  const html = prerenderLanding();

  it('has the heading, the tagline and a Sign in button that waits for the script', () => {
    expect(html).toContain('<h1 class="landing__title">ChatScape</h1>');
    expect(html).toContain('Chat that keeps working offline.');
    expect(html).toMatch(
      /<button type="button" class="button" data-landing="sign-in" disabled="">Sign in<\/button>/,
    );
  });

  it('needs no unsafe-inline: no style attribute, no inline script or handler', () => {
    expect(html).not.toMatch(/\sstyle=|<script|<style|\son[a-z]+=/i);
  });

  it('carries the start splash that the app start shows instead', () => {
    expect(html).toContain('class="splash start-splash"');
  });
});

describe('lazyFiles (what index.html prefetches)', () => {
  const chunk = (fileName: string, imports: string[], dynamicImports: string[] = []) =>
    ({ type: 'chunk', fileName, imports, dynamicImports }) as unknown as Rolldown.OutputChunk;
  it('lists the dynamically imported chunks and their imports, minus what the entry loads', () => {
    const entry = chunk('assets/index.js', ['assets/react.js'], ['assets/app.js']);
    const bundle = {
      'assets/index.js': entry,
      'assets/react.js': chunk('assets/react.js', []),
      'assets/app.js': chunk('assets/app.js', ['assets/react.js', 'assets/dexie.js']),
      'assets/dexie.js': chunk('assets/dexie.js', []),
    } as unknown as Rolldown.OutputBundle;
    expect(lazyFiles(bundle, entry)).toEqual(['assets/app.js', 'assets/dexie.js']);
  });
});
