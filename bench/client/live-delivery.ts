/**
 * Live delivery in Chromium: alice presses Enter, how long until the text is on bob's open
 * screen, with the socket (pokes) and with the 5-second poll the app used before (the same
 * build, config.json without `realtimeURL`); then how many requests one idle visible tab makes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { wiring } from '../../sync-api/src/realtime/config.ts';
import { chatPath } from '../../web/src/lib/text.ts';
import { newId } from '../../web/src/lib/uuid.ts';
import { run } from '../lib/exec.ts';
import { type BenchOptions, repoRoot } from '../lib/options.ts';
import { type BenchStack, startBenchStack } from '../server/bench-stack.ts';
import { launchBrowser } from './browser.ts';

export type DeliveryMode = 'live' | 'poll';

export interface ModeResult {
  mode: DeliveryMode;
  latencies: number[];
  /** Per message: Enter → the poke reaching the recipient's socket (live mode only). */
  toPoke: number[];
  idle: { seconds: number; httpRequests: number; wsFramesSent: number; dynamoRequests: number };
}

const dist = join(repoRoot, 'web', 'dist');
const password = 'bench-password';

/** Epoch ms of the Enter keydown in the sender's page (its event timestamp). */
function armEnter() {
  const w = window as unknown as { __enterAt: Promise<number> };
  w.__enterAt = new Promise((resolve) => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Enter') return;
      window.removeEventListener('keydown', onKey, { capture: true });
      resolve(performance.timeOrigin + event.timeStamp);
    };
    window.addEventListener('keydown', onKey, { capture: true });
  });
}

/** Epoch ms of the first painted frame showing a message row with `text` in the recipient's page. */
function armShown(text: string) {
  const w = window as unknown as { __shownAt: Promise<number> };
  w.__shownAt = new Promise((resolve) => {
    const check = () => {
      for (const row of document.querySelectorAll('[role="log"] [data-message-id]')) {
        if (!row.textContent?.includes(text)) continue;
        observer.disconnect();
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => resolve(performance.timeOrigin + performance.now());
          channel.port2.postMessage(0);
        });
        return;
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    check();
  });
}

async function signIn(page: Page, appURL: string, email: string) {
  await page.goto(appURL);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(password);
  await page.locator('#sign-in button[type="submit"]').click();
  await page.getByRole('list', { name: 'Contacts' }).waitFor({ timeout: 30_000 });
}

/** Without `realtimeURL` in config.json the same build polls every 5 s, as before the socket. */
async function withoutSocket(context: BrowserContext, appURL: string) {
  await context.route(`${appURL}/config.json`, async (route) => {
    const response = await route.fetch();
    const { realtimeURL: _, ...config } = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: config });
  });
}

const mulberry = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

async function pair(browser: Browser, bench: BenchStack, mode: DeliveryMode) {
  const id = `${mode}-${Date.now().toString(36)}`;
  const emails = [`bench-live-alice-${id}@example.com`, `bench-live-bob-${id}@example.com`];
  const [alice, bob] = await Promise.all(emails.map((e) => bench.user(e, { create: true })));
  if (!alice || !bob) throw new Error('no users');
  await alice.sync(null, [{ id: newId(), type: 'contact.add', email: bob.email, name: 'Bob' }]);
  await bob.sync(null, [{ id: newId(), type: 'contact.add', email: alice.email, name: 'Alice' }]);
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  // tsx compiles page functions with esbuild's keepNames, which calls a __name helper.
  await Promise.all(
    contexts.map((c) => c.addInitScript({ content: 'globalThis.__name = (f) => f;' })),
  );
  const { appURL } = bench.stack;
  if (mode === 'poll') await Promise.all(contexts.map((c) => withoutSocket(c, appURL)));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  const [alicePage, bobPage] = pages as [Page, Page];
  // Frames bob's page sends on its sockets (pings, typing), from the first socket on.
  const frames = { sent: 0, receivedAt: [] as number[] };
  bobPage.on('websocket', (ws) => {
    ws.on('framesent', () => {
      frames.sent += 1;
    });
    ws.on('framereceived', () => frames.receivedAt.push(Date.now()));
  });
  await Promise.all([signIn(alicePage, appURL, alice.email), signIn(bobPage, appURL, bob.email)]);
  await Promise.all([
    alicePage.goto(`${appURL}${chatPath(bob.email)}`),
    bobPage.goto(`${appURL}${chatPath(alice.email)}`),
  ]);
  for (const page of pages) {
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    if (mode === 'live') await page.locator('[data-live="live"]').waitFor({ timeout: 30_000 });
    else await page.getByText(/^Synced /).waitFor({ timeout: 30_000 });
  }
  return { contexts, alicePage, bobPage, frames };
}

async function deliver(alicePage: Page, bobPage: Page, text: string) {
  await bobPage.evaluate(armShown, text);
  await alicePage.evaluate(armEnter);
  const box = alicePage.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
  const enterAt = await alicePage.evaluate(
    () => (window as unknown as { __enterAt: Promise<number> }).__enterAt,
  );
  const shownAt = await bobPage.evaluate(
    () => (window as unknown as { __shownAt: Promise<number> }).__shownAt,
  );
  return { enterAt, shownAt };
}

/** Counts what bob's idle, visible tab sends for `seconds`: HTTP to /sync, socket frames. */
async function idleWindow(
  bench: BenchStack,
  context: BrowserContext,
  page: Page,
  frames: { sent: number },
  seconds: number,
) {
  let httpRequests = 0;
  const framesBefore = frames.sent;
  const onRequest = (req: { url(): string }) => {
    if (req.url().startsWith(`${bench.stack.apiURL}/sync`)) httpRequests += 1;
  };
  context.on('request', onRequest);
  const { count } = await bench.meter.measure(() => page.waitForTimeout(seconds * 1000));
  context.off('request', onRequest);
  const wsFramesSent = frames.sent - framesBefore;
  return { seconds, httpRequests, wsFramesSent, dynamoRequests: count.requests };
}

async function measureMode(
  browser: Browser,
  bench: BenchStack,
  mode: DeliveryMode,
  options: BenchOptions,
) {
  const { contexts, alicePage, bobPage, frames } = await pair(browser, bench, mode);
  try {
    const messages = options.tiny ? (mode === 'live' ? 3 : 1) : 24;
    const random = mulberry(mode === 'live' ? 1 : 2);
    const latencies: number[] = [];
    const toPoke: number[] = [];
    for (let i = 0; i < messages; i++) {
      // A random gap, so the sends fall at every phase of the 5-second poll.
      await alicePage.waitForTimeout(Math.round(random() * (mode === 'poll' ? 5000 : 500)));
      const { enterAt, shownAt } = await deliver(
        alicePage,
        bobPage,
        `live ${mode} ${i} ${Date.now()}`,
      );
      latencies.push(shownAt - enterAt);
      const poke = frames.receivedAt.find((t) => t >= enterAt - 1);
      if (mode === 'live' && poke !== undefined) toPoke.push(poke - enterAt);
    }
    // Let the last pulls (and the settle pull after the last poke) end before counting.
    await bobPage.waitForTimeout(wiring.client.settlePullMs + 1000);
    const seconds = options.tiny ? 4 : 120;
    const idle = await idleWindow(bench, contexts[1] as BrowserContext, bobPage, frames, seconds);
    return { mode, latencies, toPoke, idle } satisfies ModeResult;
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

export async function measureLiveDelivery(
  options: BenchOptions,
  log: (s: string) => void,
): Promise<ModeResult[]> {
  if (!existsSync(join(dist, 'index.html'))) {
    log('building web');
    run('npm', ['run', 'build', '-w', 'web']);
  }
  const bench = await startBenchStack(dist);
  const browser = await launchBrowser();
  try {
    const results: ModeResult[] = [];
    for (const mode of ['live', 'poll'] as const) {
      log(`live delivery: ${mode}`);
      results.push(await measureMode(browser, bench, mode, options));
    }
    return results;
  } finally {
    await browser.close();
    await bench.stop();
  }
}
