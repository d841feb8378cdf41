/**
 * Journey 12 — the composer keeps exactly what people type: messages submitted back to back
 * (a fast typist, a paste-and-Enter user, online and offline) are each kept once, in the
 * order they were submitted, on both screens; typing straight after Enter loses no letter; a
 * double click on Send sends once; the draft survives switching conversations or reloading at
 * once, and a cleared draft stays cleared.
 */
import type { Page } from '@playwright/test';
import {
  addContact,
  bubble,
  contactLink,
  endState,
  expectSent,
  openChat,
  SYNC_TIMEOUT,
  shownBodies,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import { storedMessages } from './support/server.ts';

const composer = (page: Page) => page.getByRole('textbox', { name: 'Message' });

/** Five messages, Enter after each with no pause: typed (10 ms a key) and pasted alternately. */
async function submitFive(page: Page, texts: string[]) {
  await composer(page).focus();
  for (const [i, text] of texts.entries()) {
    if (i % 2 === 0) await page.keyboard.type(text, { delay: 10 });
    else await page.keyboard.insertText(text);
    await page.keyboard.press('Enter');
  }
}

async function expectExactly(page: Page, texts: string[]) {
  await expect.poll(() => shownBodies(page), { timeout: SYNC_TIMEOUT }).toEqual(texts);
}

test('back-to-back messages are kept once each, in order, online and offline', async ({
  newContext,
  stack,
  user,
}, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const aliceContext = await newContext();
  const alicePage = await aliceContext.newPage();
  const bobPage = await (await newContext()).newPage();
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);
  await addContact(alicePage, 'Bob', bob.email);
  await addContact(bobPage, 'Alice', alice.email);
  const all: string[] = [];

  await test.step('online: five in a row', async () => {
    const texts = ['one', 'two', 'three', 'four', 'five'].map((n) => `online ${n}`);
    await submitFive(alicePage, texts);
    all.push(...texts);
    await expectExactly(alicePage, all);
    await expect(composer(alicePage)).toHaveValue('');
    for (const text of texts) await expectSent(alicePage, text);
    await expectExactly(bobPage, all);
  });

  await test.step('typing at 40 ms a key straight after Enter', async () => {
    await composer(alicePage).focus();
    await alicePage.keyboard.type('first thing', { delay: 40 });
    await alicePage.keyboard.press('Enter');
    await alicePage.keyboard.type('second thing', { delay: 40 });
    await expect(composer(alicePage)).toHaveValue('second thing');
    await alicePage.keyboard.press('Enter');
    all.push('first thing', 'second thing');
    await expectExactly(alicePage, all);
    await expect(composer(alicePage)).toHaveValue('');
  });

  await test.step('a double click on Send sends once', async () => {
    await composer(alicePage).fill('clicked twice');
    await alicePage.getByRole('button', { name: 'Send' }).dblclick();
    all.push('clicked twice');
    await expectExactly(alicePage, all);
    await expectSent(alicePage, 'clicked twice');
    await expectExactly(bobPage, all);
    const stored = await storedMessages(stack, alice.email, bob.email);
    expect(stored.filter((m) => m.body === 'clicked twice')).toHaveLength(1);
  });

  await test.step('offline: five in a row, delivered once each in order', async () => {
    await aliceContext.setOffline(true);
    const texts = ['one', 'two', 'three', 'four', 'five'].map((n) => `offline ${n}`);
    await submitFive(alicePage, texts);
    all.push(...texts);
    await expectExactly(alicePage, all);
    await aliceContext.setOffline(false);
    for (const text of texts) await expectSent(alicePage, text);
    await expectExactly(alicePage, all);
    await expectExactly(bobPage, all);
    const stored = await storedMessages(stack, alice.email, bob.email);
    expect(stored.map((m) => m.body).sort()).toEqual([...all].sort());
  });

  await endState(alicePage, testInfo, 'alice');
  await endState(bobPage, testInfo, 'bob');
});

test('a draft survives switching away at once; a cleared draft stays cleared', async ({
  page,
  user,
}, testInfo) => {
  const [alice, bob, carol] = await Promise.all([user('alice'), user('bob'), user('carol')]);
  await signIn(page, alice);
  await addContact(page, 'Carol', carol.email);
  await addContact(page, 'Bob', bob.email);
  await expect(page.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();

  await composer(page).focus();
  await page.keyboard.type('typed just before switching', { delay: 5 });
  await contactLink(page, 'Carol').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Carol' })).toBeVisible();
  await expect(composer(page)).toHaveValue('');
  await openChat(page, 'Bob');
  await expect(composer(page)).toHaveValue('typed just before switching');

  // Typed, then the page is reloaded at once: the draft was saved as the page went away.
  await composer(page).fill('');
  await composer(page).focus();
  await page.keyboard.type(' and more', { delay: 5 });
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();
  await expect(composer(page)).toHaveValue(' and more');

  // Cleared, then straight to Carol and back: it stays cleared.
  await composer(page).fill('');
  await contactLink(page, 'Carol').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Carol' })).toBeVisible();
  await openChat(page, 'Bob');
  await expect(bubble(page, 'typed just before switching')).toHaveCount(0);
  // Give a resurrected draft every chance to load before checking the box is still empty.
  await page.reload();
  await expect(page.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();
  await expect(composer(page)).toHaveValue('');

  await endState(page, testInfo);
});
