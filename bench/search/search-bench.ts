/**
 * Offline search in Chromium: the app's Dexie multi-entry word index (web/src/search) against
 * MiniSearch over the same synthetic messages, at 10,000 and 100,000 messages (1,000 in the
 * tiny run). A page of its own origin (served by Playwright's router, no server) with the
 * app's code bundled from source.
 */
import type { Page } from '@playwright/test';
import { launchBrowser } from '../client/browser.ts';
import type { BenchOptions } from '../lib/options.ts';
import { summarize } from '../lib/stats.ts';
import type { Section } from '../report/types.ts';
import { dropMiniSearch, miniSearchRun, seedMessages, timePaint, timeQueries } from './in-page.ts';
import { searchBundle } from './search-bundle.ts';
import { type SizeResult, searchSections } from './search-report.ts';

// A secure context (navigator.storage), answered by the router: nothing listens there.
const ORIGIN = 'http://127.0.0.1:9';
const SELF = 'me@example.com';
/** A common prefix (nearly every message), a common word, a rare word, and two words. */
export const QUERIES = ['t', 'the', 'zeppelin', 'the zep'];

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
}

async function measureSize(page: Page, messages: number, options: BenchOptions) {
  const contacts = messages >= 100_000 ? 1_000 : messages >= 10_000 ? 200 : 10;
  const name = `search-bench-${messages}`;
  const seedArgs = { self: SELF, messages, contacts };
  const plain = await page.evaluate(seedMessages, {
    ...seedArgs,
    name: `${name}-plain`,
    indexed: false,
  });
  await page.evaluate((n) => indexedDB.deleteDatabase(n), `${name}-plain`);
  const indexed = await page.evaluate(seedMessages, { ...seedArgs, name, indexed: true });
  const runs = Math.max(options.runs * 2, 3);
  const dexie = await page.evaluate(timeQueries, { name, self: SELF, queries: QUERIES, runs });
  const paint = await page.evaluate(timePaint, { name, self: SELF, query: 'the', runs });
  const heapBefore = await heapAfterGc(page);
  const mini = await page.evaluate(miniSearchRun, { name, self: SELF, queries: QUERIES, runs });
  const heapAfter = await heapAfterGc(page);
  await page.evaluate(dropMiniSearch);
  await page.evaluate((n) => indexedDB.deleteDatabase(n), name);
  return {
    messages,
    contacts,
    plain,
    indexed,
    dexie,
    paint: summarize(paint),
    mini,
    miniHeapBytes: heapAfter - heapBefore,
  } satisfies SizeResult;
}

export async function benchSearch(
  options: BenchOptions,
  log: (line: string) => void,
): Promise<Section[]> {
  const sizes = options.tiny ? [1_000] : [10_000, 100_000];
  const code = await searchBundle();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    await context.route(`${ORIGIN}/**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>search</title>' }),
    );
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
    await page.evaluate(code);
    const results: SizeResult[] = [];
    for (const size of sizes) {
      log(`search: ${size.toLocaleString('en-US')} messages`);
      results.push(await measureSize(page, size, options));
    }
    return searchSections(results);
  } finally {
    await browser.close();
  }
}
