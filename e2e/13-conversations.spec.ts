/**
 * Journey 13 — the open conversation is exactly one conversation: switching among several (by
 * click and by keyboard) always leaves one message log on screen, holding only the messages
 * of the conversation named in the header.
 */
import type { Page } from '@playwright/test';
import {
  addContact,
  contactLink,
  endState,
  messageLog,
  send,
  shownBodies,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const names = ['Bob', 'Carol', 'Dan'] as const;
const bodiesOf = (name: string) => [1, 2, 3].map((i) => `${name} thread, message ${i}`);

async function expectOnly(page: Page, name: string) {
  await expect(page.getByRole('heading', { level: 2, name })).toBeVisible();
  await expect(messageLog(page)).toHaveCount(1);
  await expect(messageLog(page)).toHaveAccessibleName(`Messages with ${name}`);
  await expect.poll(() => shownBodies(page)).toEqual(bodiesOf(name));
  for (const other of names.filter((n) => n !== name)) {
    await expect(page.getByRole('main').getByText(`${other} thread`)).toHaveCount(0);
  }
}

test('switching conversations shows one conversation at a time, never another’s messages', async ({
  page,
  user,
}, testInfo) => {
  const me = await user('alice');
  const others = await Promise.all(names.map((n) => user(n.toLowerCase())));
  await signIn(page, me);
  for (const [i, name] of names.entries()) {
    await addContact(page, name, others[i]?.email ?? '');
    for (const body of bodiesOf(name)) await send(page, body);
    await expectOnly(page, name);
  }

  await test.step('by click, many times', async () => {
    const order = ['Bob', 'Carol', 'Dan', 'Carol', 'Bob', 'Dan', 'Bob', 'Carol', 'Bob', 'Dan'];
    for (const name of order) {
      await contactLink(page, name).click();
      await expectOnly(page, name);
    }
  });

  await test.step('by keyboard: Alt+ArrowDown / Alt+ArrowUp', async () => {
    await contactLink(page, 'Bob').click();
    await expectOnly(page, 'Bob');
    // The list is newest first: Dan, Carol, Bob (each got its last message in that order).
    for (const [key, name] of [
      ['Alt+ArrowUp', 'Carol'],
      ['Alt+ArrowUp', 'Dan'],
      ['Alt+ArrowDown', 'Carol'],
      ['Alt+ArrowDown', 'Bob'],
      ['Alt+ArrowUp', 'Carol'],
    ] as const) {
      await page.keyboard.press(key);
      await expectOnly(page, name);
    }
  });

  await endState(page, testInfo);
});
