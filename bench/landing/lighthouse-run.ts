/**
 * One Lighthouse run (its default: mobile, simulated throttling) against a URL, in a fresh
 * headless Chromium of its own: the figures the landing section reports.
 */
import { launch } from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { chromiumPath } from '../client/browser.ts';

export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  /** Largest Contentful Paint, ms (simulated). */
  lcp: number;
  /** Total Blocking Time, ms (simulated). */
  tbt: number;
  /** Bytes over the network during the run (Lighthouse's total-byte-weight). */
  transferred: number;
  /** Every request Lighthouse saw: path and transfer size, largest first. */
  requests: Array<{ path: string; bytes: number }>;
  /** The failing audits of the four categories, for the notes (`id` only). */
  failing: string[];
}

const flags = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export async function runLighthouse(url: string): Promise<LighthouseFigures> {
  const chrome = await launch({
    chromePath: chromiumPath(),
    chromeFlags: flags,
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...categories],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse: ${lhr.runtimeError.message}`);
    const score = (id: (typeof categories)[number]) =>
      Math.round((lhr.categories[id]?.score ?? 0) * 100);
    const value = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
    const failing = categories.flatMap((id) =>
      (lhr.categories[id]?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0)
        .map((ref) => lhr.audits[ref.id])
        .filter((audit) => audit && audit.score !== null && audit.score < 0.9)
        .map((audit) => `${audit?.id} (${Math.round((audit?.score ?? 0) * 100)})`),
    );
    const items = (lhr.audits['network-requests']?.details as { items?: unknown[] } | undefined)
      ?.items as Array<{ url: string; transferSize?: number }> | undefined;
    const requests = (items ?? [])
      .map((item) => ({ path: new URL(item.url).pathname, bytes: item.transferSize ?? 0 }))
      .sort((a, b) => b.bytes - a.bytes);
    return {
      requests,
      performance: score('performance'),
      accessibility: score('accessibility'),
      bestPractices: score('best-practices'),
      seo: score('seo'),
      lcp: value('largest-contentful-paint'),
      tbt: value('total-blocking-time'),
      transferred: value('total-byte-weight'),
      failing,
    };
  } finally {
    chrome.kill();
  }
}
