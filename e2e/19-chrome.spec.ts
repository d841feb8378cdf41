/**
 * Journey 19 — the app's prompts and chrome: "A new version is available" never covers the
 * composer, fits one line on a phone and can be dismissed; "Install app" says in words why it
 * is unavailable (and is absent where the browser has no install prompt); the account menu
 * shows who is signed in; on a phone the top bar shows the whole sync status. axe stays clean.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { startLocalStack } from '../sync-api/local/stack.ts';
import { addContact, endState, signIn, waitForServiceWorker } from './support/app.ts';
import { expectAccessible } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { deployNextBuild } from './support/next-build.ts';
import { newUser, webDist } from './support/stack.ts';

async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator} has no box`);
  return b;
}

test('the update prompt covers nothing, fits one line on a phone, and can be dismissed', async ({
  page,
}, testInfo) => {
  const dist = mkdtempSync(join(tmpdir(), 'chatscape-e2e-dist-'));
  cpSync(webDist, dist, { recursive: true });
  const stack = await startLocalStack({ dataDir: null, webDist: dist, quiet: true });
  try {
    const alice = await newUser(stack, 'alice');
    await signIn(page, alice, stack.appURL);
    await waitForServiceWorker(page);
    await addContact(page, 'Bob', 'bob@example.com');
    await page.setViewportSize({ width: 360, height: 740 });
    deployNextBuild(dist, 'build-2');
    await page.evaluate(async () => {
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
    const prompt = page.getByRole('status').filter({ hasText: 'A new version is available' });
    await expect(prompt).toBeVisible({ timeout: 20_000 });

    const composer = page.getByRole('textbox', { name: 'Message' });
    const send = page.getByRole('button', { name: 'Send' });
    const header = page.getByRole('heading', { level: 2, name: 'Bob' });
    const p = await box(prompt);
    for (const other of [composer, send, header]) {
      const o = await box(other);
      const overlaps =
        p.x < o.x + o.width && o.x < p.x + p.width && p.y < o.y + o.height && o.y < p.y + p.height;
      expect(overlaps, `the prompt overlaps ${other}`).toBe(false);
    }
    // One line: the text is no taller than one line of it.
    const text = prompt.getByText('A new version is available');
    const lineHeight = await text.evaluate((el) =>
      Number.parseFloat(getComputedStyle(el).lineHeight),
    );
    expect((await box(text)).height).toBeLessThanOrEqual(lineHeight + 1);
    await expect(composer).toBeInViewport();
    await expectAccessible(page);

    await prompt.getByRole('button', { name: 'Dismiss' }).click();
    await expect(prompt).toBeHidden();
    await expect(composer).toBeVisible();
    await endState(page, testInfo);
  } finally {
    await stack.stop();
    rmSync(dist, { recursive: true, force: true });
  }
});

test('Install app explains why it is unavailable, or is absent', async ({ page, newContext }) => {
  await page.goto('/');
  const install = page.getByRole('button', { name: 'Install app' });
  // Playwright's profiles are incognito-like: Chromium never offers installing there.
  await expect(install).toBeDisabled();
  const hint = page.getByText('Install becomes available when your browser offers it');
  await expect(hint).toBeVisible();
  await expect(install).toHaveAccessibleDescription(/Install becomes available/);
  await expectAccessible(page);

  // When the browser offers it, the button works and the explanation goes.
  await page.evaluate(() => {
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: async () => undefined,
      userChoice: Promise.resolve({ outcome: 'dismissed' }),
    });
    window.dispatchEvent(offer);
  });
  await expect(install).toBeEnabled();
  await expect(hint).toBeHidden();

  // A browser without an install prompt (Firefox, Safari): no button at all.
  const other = await (await newContext()).newPage();
  await other.addInitScript(() => {
    // A global's attributes are its own properties (WebIDL [Global]).
    delete (window as { onbeforeinstallprompt?: unknown }).onbeforeinstallprompt;
    delete (Window.prototype as { onbeforeinstallprompt?: unknown }).onbeforeinstallprompt;
  });
  await other.goto('/');
  await expect(other.getByRole('button', { name: 'Sign in' })).toBeVisible();
  await expect(other.getByRole('button', { name: 'Install app' })).toHaveCount(0);
  await expect(other.getByText('Install becomes available')).toHaveCount(0);
});

test('the account menu shows who is signed in', async ({ page, user }, testInfo) => {
  const alice = await user('alice');
  await signIn(page, alice);
  await page.getByRole('button', { name: 'Account' }).click();
  await expect(page.getByRole('menu', { name: 'Account' })).toBeVisible();
  await expect(page.getByText('Signed in as')).toBeVisible();
  await expect(page.getByText(alice.email, { exact: true })).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await endState(page, testInfo);
});

test('on a phone the top bar shows the whole sync status and keeps its heading', async ({
  page,
  user,
}, testInfo) => {
  const alice = await user('alice');
  await page.setViewportSize({ width: 360, height: 740 });
  await signIn(page, alice);
  const text = page.locator('.sync-status__text');
  await expect(text).toHaveText(/^Synced /, { timeout: 20_000 });
  // Live and the account menu share the bar: the status is not cut to "Synced ju…".
  const cut = await text.evaluate((el) => el.scrollWidth > el.clientWidth);
  expect(cut, `"${await text.textContent()}" is cut`).toBe(false);
  await expect(page.getByRole('heading', { level: 1, name: 'ChatScape' })).toBeAttached();
  await expectAccessible(page);
  await endState(page, testInfo);
});
