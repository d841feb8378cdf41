/**
 * Journey 8 — the installable app: a valid manifest (name, start_url, standalone, 192/512 and
 * maskable PNG icons that really are that size) that Chromium itself finds installable; and a
 * new deployment shows "A new version is available", whose Reload activates the new build.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { startLocalStack } from '../sync-api/local/stack.ts';
import { endState, signIn, waitForServiceWorker } from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { deployNextBuild } from './support/next-build.ts';
import { newUser, webDist } from './support/stack.ts';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}
interface Manifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  scope?: string;
  display?: string;
  icons?: ManifestIcon[];
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the manifest is valid and Chromium finds the app installable', async ({
  page,
  stack,
  user,
}, testInfo) => {
  const html = await (await fetch(`${stack.appURL}/`)).text();
  const href = /<link[^>]+rel="manifest"[^>]+href="([^"]+)"/.exec(html)?.[1];
  expect(href, 'index.html links a manifest').toBeTruthy();
  const manifestURL = new URL(href as string, `${stack.appURL}/`);
  const res = await fetch(manifestURL);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/manifest+json');
  const manifest = (await res.json()) as Manifest;

  expect(manifest.name?.trim()).toBeTruthy();
  expect(manifest.short_name?.trim()).toBeTruthy();
  expect(manifest.display).toBe('standalone');
  const startURL = new URL(manifest.start_url ?? '', manifestURL);
  const scope = new URL(manifest.scope ?? '.', manifestURL);
  expect(startURL.origin).toBe(stack.appURL);
  expect(startURL.href.startsWith(scope.href)).toBe(true);
  expect((await fetch(startURL)).status).toBe(200);

  const icons = manifest.icons ?? [];
  const has = (size: string, purpose: string) =>
    icons.some(
      (i) =>
        i.type === 'image/png' &&
        i.sizes.split(' ').includes(size) &&
        (i.purpose ?? 'any').split(' ').includes(purpose),
    );
  expect(has('192x192', 'any')).toBe(true);
  expect(has('512x512', 'any')).toBe(true);
  expect(icons.some((i) => (i.purpose ?? '').split(' ').includes('maskable'))).toBe(true);
  for (const icon of icons) {
    const iconRes = await fetch(new URL(icon.src, manifestURL));
    expect(iconRes.status, icon.src).toBe(200);
    expect(iconRes.headers.get('content-type'), icon.src).toBe('image/png');
    const { width, height } = pngSize(Buffer.from(await iconRes.arrayBuffer()));
    expect(icon.sizes.split(' '), icon.src).toContain(`${width}x${height}`);
  }

  // Chromium's own verdict, once a service worker controls the page.
  await signIn(page, await user('alice'));
  await waitForServiceWorker(page);
  const cdp = await page.context().newCDPSession(page);
  const parsed = await cdp.send('Page.getAppManifest');
  expect(parsed.errors).toEqual([]);
  expect(parsed.url).toBe(manifestURL.href);
  const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
  // Playwright's contexts are incognito-like profiles, where Chromium never offers installing.
  expect(installabilityErrors.filter((e) => e.errorId !== 'in-incognito')).toEqual([]);
  await endState(page, testInfo);
});

/** Asks the controlling worker for the build id only the new deployment knows. */
const askBuild = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<unknown>((resolve) => {
        const channel = new MessageChannel();
        channel.port1.onmessage = (event) => resolve(event.data);
        navigator.serviceWorker.controller?.postMessage({ type: 'E2E_BUILD' }, [channel.port2]);
        setTimeout(() => resolve(null), 2000);
      }),
  );

test('a new deployment prompts "A new version is available"; Reload activates it', async ({
  page,
}, testInfo) => {
  const dist = mkdtempSync(join(tmpdir(), 'chatscape-e2e-dist-'));
  cpSync(webDist, dist, { recursive: true });
  const stack = await startLocalStack({ dataDir: null, webDist: dist, quiet: true });
  try {
    const alice = await newUser(stack, 'alice');
    await signIn(page, alice, stack.appURL);
    await waitForServiceWorker(page);
    expect(await askBuild(page)).toBeNull();
    await expect(page.locator('meta[name="e2e-build"]')).toHaveCount(0);
    await page.evaluate(() => {
      (window as { __e2eOldPage?: boolean }).__e2eOldPage = true;
    });

    deployNextBuild(dist, 'build-2');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByRole('status').filter({ hasText: 'A new version is available' });
    await expect(prompt).toBeVisible({ timeout: 20_000 });
    // Nothing happens behind the user's back: same page, old worker still in control.
    expect(await page.evaluate(() => (window as { __e2eOldPage?: boolean }).__e2eOldPage)).toBe(
      true,
    );
    expect(await askBuild(page)).toBeNull();

    const reloaded = page.waitForEvent('load');
    await prompt.getByRole('button', { name: 'Reload' }).click();
    await reloaded;
    expect(
      await page.evaluate(() => (window as { __e2eOldPage?: boolean }).__e2eOldPage),
    ).toBeUndefined();
    await expect(page.locator('meta[name="e2e-build"]')).toHaveAttribute('content', 'build-2');
    await waitForServiceWorker(page);
    expect(await askBuild(page)).toBe('build-2');
    await expect(page.getByRole('button', { name: 'Add contact' })).toBeVisible();
    await expect(page.getByText('A new version is available')).toHaveCount(0);
    await endState(page, testInfo);
  } finally {
    await stack.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});
