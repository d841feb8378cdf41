/**
 * Journey 24 — ticks and read state across devices: alice's message moves sent → delivered
 * (bob's device stored it) → read (bob opened the conversation) on her screen without a
 * reload; with "Send read receipts" off bob sends no read ticks and sees none (delivered
 * still shows); reading on bob's phone clears the unread count on his laptop; a message to
 * an address without an account stays "Sent" and the conversation says why.
 */
import type { BrowserContext, Page } from '@playwright/test';
import {
  addContact,
  aliceAndBobsTwoDevices,
  bubble,
  contactLink,
  endState,
  expectSynced,
  openChat,
  SYNC_TIMEOUT,
  send,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';
import type { TestUser } from './support/stack.ts';

const tick = (page: Page, text: string) => bubble(page, text).locator('[data-tick]');
const expectTick = (page: Page, text: string, state: string) =>
  expect(tick(page, text)).toHaveAttribute('data-tick', state, { timeout: SYNC_TIMEOUT });

async function friends(
  user: (name: string) => Promise<TestUser>,
  newContext: () => Promise<BrowserContext>,
) {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const [aliceContext, bobContext] = [await newContext(), await newContext()];
  const [alicePage, bobPage] = [await aliceContext.newPage(), await bobContext.newPage()];
  await Promise.all([signIn(alicePage, alice), signIn(bobPage, bob)]);
  await addContact(alicePage, 'Bob', bob.email);
  await addContact(bobPage, 'Alice', alice.email);
  // Both adds on the server first: no message of the test is a request.
  await Promise.all([expectSynced(alicePage), expectSynced(bobPage)]);
  // Adding opened the conversation; bob goes back to the list, so nothing is read yet.
  await bobPage.goto('/');
  await expect(contactLink(bobPage, 'Alice')).toBeVisible();
  await openChat(alicePage, 'Bob');
  return { alice, bob, aliceContext, bobContext, alicePage, bobPage };
}

test('ticks move sent → delivered → read on the sender’s screen, live', async ({
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  await test.step('bob offline: the server has it, bob has not: Sent', async () => {
    await p.bobContext.setOffline(true);
    await send(p.alicePage, 'did you get this?');
    await expectTick(p.alicePage, 'did you get this?', 'sent');
  });
  await test.step('bob back online (conversation closed): Delivered', async () => {
    await p.bobContext.setOffline(false);
    await expect(contactLink(p.bobPage, 'Alice')).toContainText('1 unread', {
      timeout: SYNC_TIMEOUT,
    });
    await expectTick(p.alicePage, 'did you get this?', 'delivered');
  });
  await test.step('bob opens the conversation: Read', async () => {
    await openChat(p.bobPage, 'Alice');
    await expect(bubble(p.bobPage, 'did you get this?')).toHaveCount(1);
    await expectTick(p.alicePage, 'did you get this?', 'read');
    await expect(bubble(p.alicePage, 'did you get this?')).toContainText('Read');
  });
  await endState(p.alicePage, testInfo, 'alice');
});

test('"Send read receipts" off: no read ticks sent, none shown; delivered still shows', async ({
  user,
  newContext,
}, testInfo) => {
  const p = await friends(user, newContext);
  await test.step('bob turns read receipts off (account menu → Privacy)', async () => {
    await p.bobPage.getByRole('button', { name: 'Account' }).click();
    await p.bobPage.getByRole('menuitem', { name: 'Privacy' }).click();
    const privacy = p.bobPage.getByRole('dialog', { name: 'Privacy' });
    await privacy.getByRole('checkbox', { name: 'Send read receipts' }).uncheck();
    await expect(privacy.getByText(/Nobody sees when you have read/)).toBeVisible();
    await privacy.getByRole('button', { name: 'Close' }).click();
  });
  await test.step('bob reads and replies: alice sees Delivered, never Read', async () => {
    await send(p.alicePage, 'are you there?');
    await expectTick(p.alicePage, 'are you there?', 'delivered');
    await openChat(p.bobPage, 'Alice');
    await send(p.bobPage, 'yes, here');
    // Bob read before he replied: by the time his reply is on alice's screen, his receipt
    // has been applied too. It moved only the delivered mark.
    await expect(bubble(p.alicePage, 'yes, here')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await expect(tick(p.alicePage, 'are you there?')).toHaveAttribute('data-tick', 'delivered');
  });
  await test.step('alice reads bob’s reply: bob (off) still sees no Read', async () => {
    await send(p.alicePage, 'good');
    await expect(bubble(p.bobPage, 'good')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await expectTick(p.bobPage, 'yes, here', 'delivered');
    await expect(p.bobPage.getByRole('log').getByText('Read', { exact: true })).toHaveCount(0);
  });
  await endState(p.alicePage, testInfo, 'alice');
});

test('reading on one device clears the unread count on the other', async ({
  user,
  newContext,
}, testInfo) => {
  const { alicePage, phone, laptop } = await aliceAndBobsTwoDevices(user, newContext);
  await phone.goto('/');
  await expect(contactLink(phone, 'Alice')).toBeVisible();
  await openChat(alicePage, 'Bob');
  await send(alicePage, 'first of two');
  await send(alicePage, 'second of two');
  for (const page of [phone, laptop]) {
    await expect(contactLink(page, 'Alice')).toContainText('2 unread', { timeout: SYNC_TIMEOUT });
  }
  await openChat(phone, 'Alice');
  await expect(bubble(phone, 'second of two')).toHaveCount(1);
  await expect(contactLink(laptop, 'Alice')).not.toContainText('unread', { timeout: SYNC_TIMEOUT });
  await expect(laptop).toHaveTitle('ChatScape');
  await endState(laptop, testInfo, 'laptop');
});

test('a message to an address without an account stays Sent, and the chat says why', async ({
  page,
  user,
}, testInfo) => {
  const alice = await user('alice');
  await signIn(page, alice);
  const nobody = `nobody-${alice.email.split('@')[0]}@example.com`;
  await addContact(page, 'Nobody Yet', nobody);
  await openChat(page, 'Nobody Yet');
  await send(page, 'are you on ChatScape?');
  await expectTick(page, 'are you on ChatScape?', 'sent');
  await expect(
    page.getByText(`${nobody} has not joined ChatScape yet.`, { exact: false }),
  ).toBeVisible({
    timeout: SYNC_TIMEOUT,
  });
  await endState(page, testInfo);
});
