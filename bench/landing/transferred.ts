/**
 * What a first visit to the landing page costs on the wire, as the browser counts it: the
 * encoded (compressed) bytes of every response the page's network saw, document, scripts,
 * styles, the manifest and the idle-time prefetches included, until the network is quiet.
 * The service worker's own precache fetches happen in the worker and are not counted (nor
 * does Lighthouse count them).
 */
import { launchBrowser } from '../client/browser.ts';

export interface Transfer {
  bytes: number;
  requests: number;
  /** Bytes by URL path, largest first. */
  byPath: Array<{ path: string; bytes: number }>;
  /** The paths index.html prefetches (the chat app's chunks). */
  prefetches: string[];
}

export async function measureTransfer(url: string): Promise<Transfer> {
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ serviceWorkers: 'allow' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const urls = new Map<string, string>();
    const sizes = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    cdp.on('Network.loadingFinished', (e) => sizes.set(e.requestId, e.encodedDataLength));
    await page.goto(url, { waitUntil: 'load' });
    await page.getByRole('button', { name: 'Sign in' }).and(page.locator(':enabled')).waitFor();
    // The prefetches start once the page is idle: wait until nothing was added for a second.
    let last = -1;
    while (sizes.size !== last) {
      last = sizes.size;
      await page.waitForTimeout(1000);
    }
    const byPath = [...sizes].map(([id, bytes]) => ({
      path: new URL(urls.get(id) ?? url).pathname,
      bytes,
    }));
    byPath.sort((a, b) => b.bytes - a.bytes);
    const prefetches = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].map(
        (link) => new URL(link.href).pathname,
      ),
    );
    return {
      bytes: byPath.reduce((s, r) => s + r.bytes, 0),
      requests: byPath.length,
      byPath,
      prefetches,
    };
  } finally {
    await browser.close();
  }
}
