/**
 * Journey 15 — what a message holds is shown as written: right-to-left text gets its own
 * direction (dir="auto" on bubbles, previews and the composer); a 4,000-character message
 * never overlaps or clips its neighbours in the virtualized list, and collapses with "Read
 * more"; bare domains become https links (never javascript:); axe stays clean.
 */
import type { Page } from '@playwright/test';
import {
  addContact,
  bubble,
  contactLink,
  endState,
  messageLog,
  send,
  signIn,
} from './support/app.ts';
import { seriousViolations } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';

const ARABIC = 'مرحبا بالعالم، كيف حالك اليوم؟ 123 abc.';
const HEBREW = 'שלום 123 עולם abc.';
const LONG = Array.from({ length: 400 }, (_, i) => `word${i % 10}`)
  .join(' ')
  .slice(0, 4000);

/** Every rendered row of the log, top to bottom: none may overlap the next. */
async function expectNoOverlap(page: Page) {
  const boxes = await messageLog(page)
    .locator('.message-list__row')
    .evaluateAll((rows) =>
      rows
        .map((row) => {
          const rect = row.getBoundingClientRect();
          const content = row.firstElementChild?.getBoundingClientRect();
          return { top: rect.top, bottom: rect.bottom, contentBottom: content?.bottom ?? 0 };
        })
        .sort((a, b) => a.top - b.top),
    );
  expect(boxes.length).toBeGreaterThan(1);
  for (const [i, box] of boxes.entries()) {
    // The row is as tall as what it holds (nothing drawn past its end)...
    expect(box.contentBottom).toBeLessThanOrEqual(box.bottom + 1);
    // ...and ends before the next one begins.
    const next = boxes[i + 1];
    if (next) expect(box.bottom).toBeLessThanOrEqual(next.top + 1);
  }
}

test('RTL text, long messages and bare-domain links', async ({ page, user }, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  await signIn(page, alice);
  await addContact(page, 'Bob', bob.email);
  await expect(page.getByRole('textbox', { name: 'Message' })).toHaveAttribute('dir', 'auto');

  await test.step('right-to-left text keeps its own direction', async () => {
    await send(page, ARABIC);
    await send(page, HEBREW);
    for (const text of [ARABIC, HEBREW]) {
      const body = bubble(page, text).locator('.bubble__body');
      await expect(body).toHaveAttribute('dir', 'auto');
      expect(await body.evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    }
    const preview = contactLink(page, 'Bob').locator('.contact__preview');
    await expect(preview).toHaveAttribute('dir', 'auto');
  });

  await test.step('a 4,000-character message overlaps nothing and reads more on demand', async () => {
    await send(page, 'before the long one');
    await page.getByRole('textbox', { name: 'Message' }).fill(LONG);
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    await expect(bubble(page, LONG)).toHaveCount(1);
    await send(page, 'after the long one');
    await expectNoOverlap(page);
    const long = bubble(page, LONG);
    const collapsed = (await long.boundingBox())?.height ?? 0;
    await long.getByRole('button', { name: 'Read more' }).click();
    await expect(long.getByRole('button', { name: 'Show less' })).toBeVisible();
    await expect
      .poll(async () => (await long.boundingBox())?.height ?? 0)
      .toBeGreaterThan(collapsed * 2);
    await expectNoOverlap(page);
    // Narrow: the bubble rewraps and the rows are measured again.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByRole('button', { name: 'Back to chats' })).toBeVisible();
    // The rows are re-measured when their size changes (ResizeObserver, a frame or two after
    // the resize): what settles must overlap nothing.
    await expect(() => expectNoOverlap(page)).toPass({ timeout: 5_000 });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  await test.step('bare domains are links; javascript: never is', async () => {
    await send(page, 'see www.example.org and example.org/path?q=1, or javascript:alert(1)');
    const links = bubble(
      page,
      'see www.example.org and example.org/path?q=1, or javascript:alert(1)',
    ).getByRole('link');
    await expect(links).toHaveCount(2);
    await expect(links.nth(0)).toHaveAttribute('href', 'https://www.example.org/');
    await expect(links.nth(1)).toHaveAttribute('href', 'https://example.org/path?q=1');
    for (const link of await links.all()) {
      await expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    }
  });

  expect(await seriousViolations(page)).toEqual([]);
  await endState(page, testInfo);
});
