/** axe-core in the page: the serious and critical violations, as `rule: targets` lines. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';

export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' | ')}`);
}

/** No serious or critical axe violation on the page as it is now (`name` labels a failure). */
export async function expectAccessible(page: Page, name?: string): Promise<void> {
  expect(await seriousViolations(page), name && `axe on ${name}`).toEqual([]);
}
