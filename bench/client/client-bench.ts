/**
 * Client benchmarks in Chromium on the production build served by the local stack, once per
 * data size (options.client.sizes): sign in through the UI, seed the server and capture the
 * real pull, apply it with the app's own sync loop in the page (the first run fills the app's
 * database), then cold start offline, open the big conversation and time local send → screen.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { chatPath } from '../../web/src/lib/text.ts';
import { run } from '../lib/exec.ts';
import { type BenchOptions, benchDir, type ClientSize, repoRoot } from '../lib/options.ts';
import type { Section } from '../report/types.ts';
import { startBenchStack } from '../server/bench-stack.ts';
import { createProfile, type Profile } from './browser.ts';
import { type ClientData, clientAccount, seedClientData } from './client-data.ts';
import { type ClientMeasurements, clientSections, type StartRun } from './client-report.ts';
import { sampleHeap } from './heap-sampler.ts';
import { appFirstSyncDone, applyKeptPull, keepPull } from './in-page.ts';
import { pageBundle } from './page-bundle.ts';
import { armSendProbe, installListProbe, type ListMarks, openConversation } from './probes.ts';
import { benchWebBundle } from './web-bundle.ts';

const dist = join(repoRoot, 'web', 'dist');

async function browserVersion(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  return product.replace(/^[^/]*\//, '');
}

/**
 * Signs in through the app and its OpenID page while the server holds nothing for the user,
 * and waits for the app's first (empty) sync and its service worker. Closing the browser
 * afterwards keeps the session (localStorage), the worker and the database in the profile.
 */
async function signInThroughTheApp(page: Page, appURL: string, code: string) {
  await page.goto(appURL);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#email').fill(clientAccount.email);
  await page.locator('#password').fill(clientAccount.password);
  await page.locator('#sign-in button[type="submit"]').click();
  await page.getByRole('list', { name: 'Contacts' }).waitFor({ timeout: 30_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
  await page.evaluate(code);
  for (let i = 0; i < 300; i++) {
    if (await page.evaluate(appFirstSyncDone, clientAccount.email)) return;
    await page.waitForTimeout(100);
  }
  throw new Error('the app did not finish its first sync within 30 s');
}

/**
 * Applies the captured pull in a page of the app's origin where the app is not running.
 * Run 0 fills the app's own database (what the cold starts then open); later runs use
 * scratch databases.
 */
async function measureApply(
  context: BrowserContext,
  appURL: string,
  data: ClientData,
  code: string,
  runs: number,
) {
  const page = await context.newPage();
  await page.goto(`${appURL}/favicon.svg`);
  await page.evaluate(code);
  await page.evaluate(keepPull, data.pull);
  const heap = await sampleHeap(page);
  const results = [];
  for (let r = 0; r < runs; r++) {
    const out = await page.evaluate(applyKeptPull, {
      name: r === 0 ? null : `chatscape-bench-apply-${r}`,
      self: data.email,
      big: data.big,
    });
    if (out.messages !== data.messages || out.contacts !== data.contacts) {
      throw new Error(`apply stored ${out.messages} messages, ${out.contacts} contacts`);
    }
    results.push(out);
  }
  const peakHeap = await heap.stop();
  await page.close();
  return { runs: results, peakHeap };
}

async function waitForList(page: Page): Promise<ListMarks> {
  await page.waitForFunction(
    () =>
      (window as unknown as { __benchMarks?: ListMarks }).__benchMarks?.listPainted !== undefined,
    null,
    { timeout: 30_000, polling: 50 },
  );
  return page.evaluate(() => (window as unknown as { __benchMarks: ListMarks }).__benchMarks);
}

async function sendOnce(page: Page, text: string): Promise<number> {
  const input = page.getByRole('textbox', { name: 'Message' });
  await input.fill(text);
  await page.evaluate(armSendProbe, { text });
  await input.press('Enter');
  const ms = await page.evaluate(
    () => (window as unknown as { __benchSend: Promise<number> }).__benchSend,
  );
  await page.waitForTimeout(60);
  return ms;
}

/** One cold start: a relaunched, offline browser; then a new tab; then opening and sending. */
/** Body of the message at the bottom of the big conversation (our unsent sends sort last). */
interface Bottom {
  big: string;
}

async function startRun(
  profile: Profile,
  appURL: string,
  data: ClientData,
  r: number,
  sends: number,
  bottom: Bottom,
): Promise<StartRun> {
  const context = await profile.launch();
  try {
    await context.setOffline(true);
    await context.addInitScript(installListProbe, { contacts: data.contacts });
    const page = context.pages()[0] ?? (await context.newPage());
    const heap = await sampleHeap(page);
    await page.goto(appURL, { waitUntil: 'commit' });
    const cold = await waitForList(page);
    const heapAfterStart = await heap.now();
    const controlled = await page.evaluate(() => navigator.serviceWorker.controller !== null);
    const open = await page.evaluate(openConversation, {
      href: chatPath(data.big),
      newest: bottom.big,
    });
    await page.waitForTimeout(300);
    const settledElements = await page.locator('[data-message-id]').count();
    const peakHeap = await heap.stop();
    const sendMs: Record<'big' | 'small', number[]> = { big: [], small: [] };
    const order = r % 2 === 0 ? (['big', 'small'] as const) : (['small', 'big'] as const);
    for (const which of order) {
      const peer = which === 'big' ? data.big : data.small;
      if (!page.url().endsWith(chatPath(peer))) {
        await page.locator(`[aria-label="Contacts"] a[href="${chatPath(peer)}"]`).click();
        await page.locator('[role="log"] [data-message-id]').first().waitFor();
        await page.waitForTimeout(200);
      }
      for (let k = 0; k < sends; k++) {
        const text = `bench send ${r}.${k} to ${which} ${Date.now()}`;
        sendMs[which].push(await sendOnce(page, text));
        if (which === 'big') bottom.big = text;
      }
    }
    const tab = await context.newPage();
    await tab.goto(appURL, { waitUntil: 'commit' });
    const warm = await waitForList(tab);
    return { cold, warm, controlled, open, settledElements, peakHeap, heapAfterStart, sendMs };
  } catch (error) {
    // What the page showed when it went wrong, for whoever reads the log.
    const shot = join(benchDir, 'tmp', `client-failure-${r}.png`);
    await context
      .pages()
      .at(0)
      ?.screenshot({ path: shot })
      .catch(() => undefined);
    throw new Error(`client run ${r} failed (screenshot: ${shot})`, { cause: error });
  } finally {
    await context.close();
  }
}

export async function benchClient(
  options: BenchOptions,
  log: (s: string) => void,
): Promise<{ sections: Section[]; chromium: string }> {
  if (!options.reuseBuilds || !existsSync(join(dist, 'index.html'))) {
    log('building web');
    run('npm', ['run', 'build', '-w', 'web']);
  }
  const bundle = benchWebBundle(dist);
  const code = await pageBundle();
  const sections: Section[] = [];
  let chromium = '';
  for (const size of options.client.sizes) {
    const measured = await benchSize(options, size, code, log);
    sections.push(...measured.sections);
    chromium = measured.chromium;
  }
  return { sections: [...sections, bundle], chromium };
}

async function benchSize(
  options: BenchOptions,
  size: ClientSize,
  code: string,
  log: (s: string) => void,
): Promise<{ sections: Section[]; chromium: string }> {
  log(`client: ${size.messages} messages, ${size.contacts} contacts`);
  const bench = await startBenchStack(dist);
  const profile = createProfile();
  let stopped = false;
  try {
    log('client: sign-in through the UI');
    const account = await bench.user(clientAccount.email, { create: true });
    let context = await profile.launch();
    const first = context.pages()[0] ?? (await context.newPage());
    const chromium = await browserVersion(context, first);
    await signInThroughTheApp(first, bench.stack.appURL, code);
    await context.close();
    log('client: seeding the server and capturing the pull');
    const data = await seedClientData(bench, account, size);
    log('client: apply');
    context = await profile.launch();
    const apply = await measureApply(context, bench.stack.appURL, data, code, options.runs);
    await context.close();
    await bench.stop();
    stopped = true;
    log('client: cold starts offline, open, send');
    const starts: StartRun[] = [];
    const bottom = { big: data.newestBig };
    for (let r = 0; r < options.runs; r++) {
      starts.push(
        await startRun(profile, bench.stack.appURL, data, r, options.client.sends, bottom),
      );
    }
    const measured: ClientMeasurements = { data, apply, starts, goals: size.goals };
    return { sections: clientSections(measured), chromium };
  } finally {
    if (!stopped) await bench.stop();
    profile.remove();
  }
}
