/**
 * Journey 17 — scrolling a conversation: it opens at the first unread message under an
 * "Unread messages" divider; nothing is marked read while the newest messages are out of
 * view; "Jump to newest" shows whenever the user is away from the bottom, with the count of
 * messages that arrived meanwhile; reaching the bottom reads them. axe stays clean.
 */
import {
  addContact,
  bubble,
  contactLink,
  endState,
  messageLog,
  openChat,
  SYNC_TIMEOUT,
  signIn,
} from './support/app.ts';
import { expectAccessible } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { postSync } from './support/server.ts';
import type { StackInfo, TestUser } from './support/stack.ts';

/** `from` sends these messages to `to` in one batch, straight through the API. */
async function arrive(stack: StackInfo, from: TestUser, to: string, bodies: string[]) {
  const { status } = await postSync(stack, `Bearer ${from.tokens.idToken}`, {
    v: 1,
    clientId: crypto.randomUUID(),
    cursor: null,
    mutations: bodies.map((body, i) => ({
      id: crypto.randomUUID(),
      type: 'message.send',
      to,
      body,
      sentAt: Date.now() + i,
    })),
  });
  expect(status).toBe(200);
}

const texts = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `Bob says ${from + i}`);

test('opens at the first unread, reads nothing while scrolled up, jumps to newest', async ({
  page,
  stack,
  user,
}, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  await signIn(page, alice);
  await addContact(page, 'Bob', bob.email);
  await arrive(stack, bob, alice.email, texts(1, 5));
  await expect(bubble(page, 'Bob says 5')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  // Read while on screen, at the bottom (as a reader scrolls there), before leaving: the read
  // marker is written just after the paint, and a navigation could outrun it. The title counts
  // unread messages from the database, so it says when the marker is stored.
  await messageLog(page).evaluate((el) => el.scrollBy(0, 100_000));
  await expect(page).toHaveTitle('ChatScape', { timeout: SYNC_TIMEOUT });
  await page.goto('/');
  await arrive(stack, bob, alice.email, texts(6, 45));
  await expect(contactLink(page, 'Bob')).toContainText('40 unread', { timeout: SYNC_TIMEOUT });

  const jump = page.getByRole('button', { name: /Jump to newest/ });
  await test.step('opening: the first unread under the divider, still unread', async () => {
    await openChat(page, 'Bob');
    await expect(messageLog(page).getByText('Unread messages')).toBeInViewport();
    await expect(bubble(page, 'Bob says 6')).toBeInViewport();
    await expect(jump).toBeVisible();
    await expect(jump).not.toContainText('new message');
    await expect(contactLink(page, 'Bob')).toContainText('40 unread');
    await expect(page).toHaveTitle('(40) ChatScape');
    await expectAccessible(page);
  });

  await test.step('more arrive while scrolled up: counted on the button, not read', async () => {
    await arrive(stack, bob, alice.email, texts(46, 47));
    await expect(jump).toContainText('2 new messages', { timeout: SYNC_TIMEOUT });
    await expect(contactLink(page, 'Bob')).toContainText('42 unread');
  });

  await test.step('Jump to newest: at the bottom, everything read', async () => {
    await jump.click();
    await expect(bubble(page, 'Bob says 47')).toBeInViewport();
    await expect(jump).toBeHidden();
    await expect(contactLink(page, 'Bob')).not.toContainText('unread');
    await expect(page).toHaveTitle('ChatScape');
  });

  await test.step('scrolling up again brings the button back, without a count', async () => {
    await messageLog(page).evaluate((el) => el.scrollBy(0, -600));
    await expect(jump).toBeVisible();
    await expect(jump).not.toContainText('new message');
    await messageLog(page).evaluate((el) => el.scrollBy(0, 10_000));
    await expect(jump).toBeHidden();
  });

  await endState(page, testInfo);
});
