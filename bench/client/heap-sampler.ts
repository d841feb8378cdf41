import type { Page } from '@playwright/test';

/** Peak JSHeapUsedSize of a page, from CDP Performance.getMetrics every ~50 ms. */
export async function sampleHeap(page: Page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  let peak = 0;
  let running = true;
  const read = async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    peak = Math.max(peak, used);
  };
  const loop = (async () => {
    while (running) {
      await read().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    /** JSHeapUsedSize now, in bytes. */
    async now(): Promise<number> {
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
    },
    /** Stops sampling; the peak in bytes. */
    async stop(): Promise<number> {
      running = false;
      await loop;
      await read().catch(() => undefined);
      await cdp.detach().catch(() => undefined);
      return peak;
    },
  };
}
