/** Sign-out and what it leaves behind, as a test reads it from the page. */
import { expect, type Page } from '@playwright/test';
import { readStore, userDbName } from './app.ts';

/** Names of the origin's IndexedDB databases (reading the list never creates one). */
export const databaseNames = (page: Page) =>
  page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name ?? ''));

export async function hasUserDb(page: Page, email: string): Promise<boolean> {
  return (await databaseNames(page)).includes(userDbName(email));
}

/** The accounts this browser would sync for (the service worker's list). */
export async function registeredAccounts(page: Page): Promise<string[]> {
  const rows = await readStore<{ self: string }>(page, 'chatscape-accounts', 'accounts');
  return rows.map((row) => row.self);
}

/** Account menu → Sign out, confirming the warning about unsent items when it is shown. */
export async function signOutFromMenu(page: Page, confirmUnsent = false): Promise<void> {
  await page.getByRole('button', { name: 'Account' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  if (confirmUnsent) {
    await page.getByRole('dialog').getByRole('button', { name: 'Sign out anyway' }).click();
  }
}

/** The landing page, signed out. */
export async function expectLanding(page: Page, timeout?: number): Promise<void> {
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible({ timeout });
  await expect(page.getByRole('button', { name: 'Add contact' })).toHaveCount(0);
}

/** What would make a signed-in tab touch its database: focus, visibility, online. */
export async function nudge(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.dispatchEvent(new Event('focus'));
    window.dispatchEvent(new Event('online'));
    document.dispatchEvent(new Event('visibilitychange'));
  });
}
