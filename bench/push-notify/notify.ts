/**
 * Web Push end to end on one machine: bob's POST /sync with a message → the notifier
 * (in-process, as the local stack runs it) → the local push service (VAPID verified,
 * aes128gcm decrypted) → CDP ServiceWorker.deliverPushMessage → alice's real service worker
 * pulls through the sync path and calls showNotification. Alice's app is closed throughout.
 * The CDP hop stands in for the browser's push service connection (FCM in production), so the
 * figure is the server and worker part of the path, without the push service's own delivery.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { newId } from '../../web/src/lib/uuid.ts';
import { launchBrowser } from '../client/browser.ts';
import { run } from '../lib/exec.ts';
import { type BenchOptions, repoRoot } from '../lib/options.ts';
import { percentile, summarize } from '../lib/stats.ts';
import type { Section } from '../report/types.ts';
import { type BenchStack, startBenchStack } from '../server/bench-stack.ts';
import { stubbedSubscription } from './subscription.ts';
import { deliverToWorker, recordShownAt, shownTimes } from './worker.ts';

const dist = join(repoRoot, 'web', 'dist');

async function signIn(page: Page, appURL: string, email: string) {
  await page.goto(appURL);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('#email').fill(email);
  await page.locator('#password').fill('bench-password');
  await page.locator('#sign-in button[type="submit"]').click();
  await page.getByRole('list', { name: 'Contacts' }).waitFor({ timeout: 30_000 });
}

/** Alice turns notifications on from the account menu, then closes the app. */
async function subscribedAlice(context: BrowserContext, appURL: string, email: string) {
  const page = await context.newPage();
  await signIn(page, appURL, email);
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Notifications' }).click();
  const dialog = page.getByRole('dialog', { name: 'Notifications' });
  await dialog.getByRole('button', { name: 'Turn on notifications' }).click();
  await dialog.getByText(/^On:/).waitFor();
  await page.getByText(/^Synced /).waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null);
  await page.close();
}

interface Sample {
  total: number;
  toPushService: number;
  pushToShown: number;
}

async function measure(bench: BenchStack, options: BenchOptions): Promise<Sample[]> {
  const { stack } = bench;
  const id = Date.now().toString(36);
  const [alice, bob] = await Promise.all(
    [`bench-push-alice-${id}@example.com`, `bench-push-bob-${id}@example.com`].map((e) =>
      bench.user(e, { create: true }),
    ),
  );
  if (!alice || !bob) throw new Error('no users');
  await alice.sync(null, [{ id: newId(), type: 'contact.add', email: bob.email, name: 'Bob' }]);
  await bob.sync(null, [{ id: newId(), type: 'contact.add', email: alice.email, name: 'Alice' }]);
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
    await context.grantPermissions(['notifications'], { origin: stack.appURL });
    const endpoint = await stubbedSubscription(context, stack.push);
    await subscribedAlice(context, stack.appURL, alice.email);
    await recordShownAt(context);
    const samples: Sample[] = [];
    const count = options.tiny ? 2 : 20;
    for (let i = 0; i < count; i++) {
      const before = (await shownTimes(context)).length;
      const start = Date.now();
      await bob.sync(null, [
        { id: newId(), type: 'message.send', to: alice.email, body: `push ${i}`, sentAt: start },
      ]);
      const push = await stack.push.service.next(endpoint, start);
      await deliverToWorker(context, stack.appURL, push.payload);
      let shown = await shownTimes(context);
      while (shown.length <= before) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        shown = await shownTimes(context);
      }
      const shownAt = shown[before] as number;
      samples.push({
        total: shownAt - start,
        toPushService: push.receivedAt - start,
        pushToShown: shownAt - push.receivedAt,
      });
    }
    return samples;
  } finally {
    await browser.close();
  }
}

export async function benchNotify(options: BenchOptions): Promise<Section> {
  if (!existsSync(join(dist, 'index.html'))) run('npm', ['run', 'build', '-w', 'web']);
  const bench = await startBenchStack(dist);
  let samples: Sample[];
  try {
    samples = await measure(bench, options);
  } finally {
    await bench.stop();
  }
  const row = (shape: string, values: number[]) => ({
    shape,
    pushes: values.length,
    'p50 ms': percentile(values, 50),
    'p95 ms': percentile(values, 95),
    'min–max ms': `${Math.round(summarize(values).min)}–${Math.round(summarize(values).max)}`,
  });
  return {
    id: 'notify',
    title: 'Web Push: a message to a closed app, send → notification shown',
    path: 'POST /sync (local stack) → notifier in-process (web-push, VAPID, aes128gcm) → local RFC 8030 push service → CDP ServiceWorker.deliverPushMessage → service worker: flush + pull through POST /sync → IndexedDB → showNotification (headless Chromium)',
    rows: [
      row(
        'send → notification shown',
        samples.map((s) => s.total),
      ),
      row(
        'send → push service received it',
        samples.map((s) => s.toPushService),
      ),
      row(
        'push received → notification shown (CDP hop, worker start, pull, show)',
        samples.map((s) => s.pushToShown),
      ),
    ],
    notes: [
      'The sender’s sync answer never waits for this: the notifier runs after the response (an asynchronous Lambda invoke in AWS).',
      'Not included: the real push service’s delivery to the device (FCM, Mozilla, Apple), which this machine cannot reach.',
    ],
    targets: [],
  };
}
