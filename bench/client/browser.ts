/**
 * Chromium through Playwright, with a profile directory of its own so it can be closed and
 * relaunched with its service worker and IndexedDB intact (a real cold start).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium } from '@playwright/test';
import { benchDir } from '../lib/options.ts';

export const chromiumPath = () => process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** A plain headless Chromium (fresh contexts, no profile kept): for two-user measurements. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args });
}

export interface Profile {
  dir: string;
  launch(): Promise<BrowserContext>;
  remove(): void;
}

export function createProfile(): Profile {
  // bench/tmp is not in git: a fresh clone has none yet.
  mkdirSync(join(benchDir, 'tmp'), { recursive: true });
  const dir = mkdtempSync(join(benchDir, 'tmp', 'chromium-profile-'));
  return {
    dir,
    async launch() {
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: chromiumPath(),
        args,
        headless: true,
        viewport: { width: 1280, height: 800 },
        serviceWorkers: 'allow',
      });
      // tsx compiles page functions with esbuild's keepNames, which calls a __name helper.
      await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
      return context;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
