/**
 * Journey 3 — two people messaging, each in their own browser: messages arrive both ways
 * without a reload (the app polls while visible), a stranger's message is a request with
 * Accept and Block, and unread counts (list badge and tab title) follow along.
 */
import type { Page } from '@playwright/test';
import {
  addContact,
  bubble,
  contactLink,
  endState,
  expectSent,
  openChat,
  requestList,
  SYNC_TIMEOUT,
  send,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

/** Set once; a reload or navigation would lose it. */
const markPage = (page: Page) =>
  page.evaluate(() => {
    (window as { __e2eNoReload?: boolean }).__e2eNoReload = true;
  });
const expectNoReload = async (page: Page) =>
  expect(await page.evaluate(() => (window as { __e2eNoReload?: boolean }).__e2eNoReload)).toBe(
    true,
  );

test('alice and bob chat both ways; carol gets a request; unread counts', async ({
  newContext,
  user,
}, testInfo) => {
  const [alice, bob, carol] = await Promise.all([user('alice'), user('bob'), user('carol')]);
  const alicePage = await (await newContext()).newPage();
  const bobPage = await (await newContext()).newPage();
  const carolPage = await (await newContext()).newPage();
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob), signIn(carolPage, carol)]);
  await addContact(alicePage, 'Bob', bob.email);
  await addContact(bobPage, 'Alice', alice.email);
  // Bob goes back to his chat list (history, no reload), so what arrives is unread.
  await bobPage.goBack();
  await expect(bobPage).toHaveURL(/\/$/);
  await expect(bobPage.getByText('Select a chat, or add a contact to start one.')).toBeVisible();
  await expect(bobPage).toHaveTitle('ChatScape');
  await Promise.all([markPage(alicePage), markPage(bobPage)]);

  await test.step('alice → bob: unread badge and title count on bob’s side', async () => {
    await send(alicePage, 'Hi Bob, lunch today?');
    await expectSent(alicePage, 'Hi Bob, lunch today?');
    const aliceItem = contactLink(bobPage, 'Alice');
    await expect(aliceItem).toContainText('Hi Bob, lunch today?', { timeout: SYNC_TIMEOUT });
    await expect(aliceItem).toContainText('1 unread');
    await expect(bobPage).toHaveTitle('(1) ChatScape');
    await send(alicePage, 'At noon?');
    await expect(aliceItem).toContainText('2 unread', { timeout: SYNC_TIMEOUT });
    await expect(bobPage).toHaveTitle('(2) ChatScape');
  });

  await test.step('bob opens the chat: both messages, read, counts cleared', async () => {
    await openChat(bobPage, 'Alice');
    await expect(bubble(bobPage, 'Hi Bob, lunch today?')).toHaveCount(1);
    await expect(bubble(bobPage, 'At noon?')).toHaveCount(1);
    await expect(bobPage).toHaveTitle('ChatScape');
    await expect(contactLink(bobPage, 'Alice')).not.toContainText('unread');
  });

  await test.step('bob → alice, arriving in her open conversation', async () => {
    await send(bobPage, 'Sure, noon works');
    await expect(bubble(alicePage, 'Sure, noon works')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    // She is looking at it, so it is read at once.
    await expect(alicePage).toHaveTitle('ChatScape');
    await send(alicePage, 'See you!');
    await expect(bubble(bobPage, 'See you!')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    for (const page of [alicePage, bobPage]) {
      for (const text of ['Hi Bob, lunch today?', 'At noon?', 'Sure, noon works', 'See you!']) {
        await expect(bubble(page, text)).toHaveCount(1);
      }
      await expectNoReload(page);
    }
  });

  await test.step('a stranger’s message is a request for carol, with Accept and Block', async () => {
    await addContact(alicePage, 'Carol', carol.email);
    await send(alicePage, 'Hello Carol, we met at the meetup');
    const requests = requestList(carolPage);
    await expect(requests).toBeVisible({ timeout: SYNC_TIMEOUT });
    const request = requests.getByRole('listitem').filter({ hasText: alice.email });
    await expect(request).toContainText('Hello Carol, we met at the meetup');
    await expect(request.getByRole('button', { name: 'Accept' })).toBeVisible();
    await expect(request.getByRole('button', { name: 'Block' })).toBeVisible();
    await expect(carolPage).toHaveTitle('(1) ChatScape');
    await request.getByRole('button', { name: 'Accept' }).click();
    const naming = carolPage.getByRole('dialog', { name: 'Accept message request' });
    await naming.getByRole('textbox', { name: 'Name' }).fill('Alice');
    await naming.getByRole('button', { name: 'Accept' }).click();
    await expect(requests).toBeHidden();
    await openChat(carolPage, 'Alice');
    await expect(bubble(carolPage, 'Hello Carol, we met at the meetup')).toHaveCount(1);
    await send(carolPage, 'Hi Alice!');
    await expect(bubble(alicePage, 'Hi Alice!')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  });

  await endState(alicePage, testInfo, 'alice');
  await endState(bobPage, testInfo, 'bob');
  await endState(carolPage, testInfo, 'carol');
});
