/**
 * Journey 14 — times come from the server once a message is accepted: a sender whose device
 * clock is days behind does not put wrong days, out-of-order times or extra day separators in
 * the recipient's conversation, and the chat list shows the same time as the newest bubble.
 */
import type { Page } from '@playwright/test';
import {
  addContact,
  bubble,
  contactLink,
  endState,
  expectSent,
  messageLog,
  openChat,
  SYNC_TIMEOUT,
  send,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const SKEW_MS = -3 * 24 * 60 * 60 * 1000 - 5 * 60 * 60 * 1000;

/** The page's clock (Date and Date.now) runs SKEW_MS off; timers are untouched. */
async function skewClock(page: Page) {
  await page.addInitScript((skew) => {
    const RealDate = Date;
    class SkewedDate extends RealDate {
      constructor(...args: unknown[]) {
        if (args.length === 0) super(RealDate.now() + skew);
        else super(...(args as [number]));
      }
      static override now() {
        return RealDate.now() + skew;
      }
    }
    globalThis.Date = SkewedDate as DateConstructor;
  }, SKEW_MS);
}

const shownTimes = (page: Page) =>
  messageLog(page)
    .locator('[data-message-id] time')
    .evaluateAll((els) => els.map((el) => Date.parse(el.getAttribute('datetime') ?? '')));

const separators = (page: Page) => messageLog(page).locator('.day-separator').allInnerTexts();

test('a sender with a wrong clock: the recipient sees server times, in order, one day', async ({
  newContext,
  user,
}, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const alicePage = await (await newContext()).newPage();
  const bobPage = await (await newContext()).newPage();
  await skewClock(bobPage);
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);
  expect(await bobPage.evaluate(() => Date.now())).toBeLessThan(Date.now() + SKEW_MS + 60_000);
  await addContact(bobPage, 'Alice', alice.email);
  await addContact(alicePage, 'Bob', bob.email);

  const texts = ['from a slow clock 1', 'from a right clock', 'from a slow clock 2'];
  await send(bobPage, texts[0] as string);
  await expectSent(bobPage, texts[0] as string);
  await expect(bubble(alicePage, texts[0] as string)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  await send(alicePage, texts[1] as string);
  await expectSent(alicePage, texts[1] as string);
  await expect(bubble(bobPage, texts[1] as string)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  await send(bobPage, texts[2] as string);
  await expectSent(bobPage, texts[2] as string);
  await expect(bubble(alicePage, texts[2] as string)).toHaveCount(1, { timeout: SYNC_TIMEOUT });

  // Alice's view: one day (today), times in the order of the messages, none from days ago.
  await expect.poll(() => separators(alicePage)).toEqual(['Today']);
  const times = await shownTimes(alicePage);
  expect(times).toHaveLength(3);
  expect([...times].sort((a, b) => a - b)).toEqual(times);
  for (const time of times) expect(Math.abs(Date.now() - time)).toBeLessThan(10 * 60_000);

  // The chat list shows the newest message's time, the same as its bubble.
  const newestTime = await bubble(alicePage, texts[2] as string)
    .locator('time')
    .textContent();
  await alicePage.goto('/');
  await expect(contactLink(alicePage, 'Bob')).toContainText(texts[2] as string);
  await expect(contactLink(alicePage, 'Bob').locator('.contact__time')).toHaveText(
    newestTime ?? '',
  );
  await openChat(alicePage, 'Bob');
  await endState(alicePage, testInfo, 'alice');
});
