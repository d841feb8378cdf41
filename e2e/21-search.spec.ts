/**
 * Journey 21 — offline search: with no network (an offline reload, served by the service
 * worker and IndexedDB), a word from an old message far back in a long conversation is found
 * (case and diacritics aside), the results are grouped by conversation with the word marked,
 * and choosing the result opens that conversation at the message, highlighted, showing none
 * of another conversation's messages. axe stays clean on the results and the conversation.
 */
import {
  addContact,
  bubble,
  contactLink,
  endState,
  messageLog,
  SYNC_TIMEOUT,
  signIn,
  waitForServiceWorker,
} from './support/app.ts';
import { expectAccessible } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { postSync } from './support/server.ts';
import type { StackInfo, TestUser } from './support/stack.ts';

/**
 * `from` sends `bodies` to `to` straight through the API, in order, 20 to a request; a
 * request that fails (a 500 when a loaded machine runs past the write budget) is sent again,
 * as the app would: the same ids, so nothing is stored twice.
 */
async function arrive(stack: StackInfo, from: TestUser, to: string, bodies: string[]) {
  const sentAt = Date.now();
  for (let start = 0; start < bodies.length; start += 20) {
    const request = {
      v: 1,
      clientId: crypto.randomUUID(),
      cursor: null,
      mutations: bodies.slice(start, start + 20).map((body, i) => ({
        id: crypto.randomUUID(),
        type: 'message.send',
        to,
        body,
        sentAt: sentAt + start + i,
      })),
    };
    let answer = { status: 0, body: null as unknown };
    for (let attempt = 0; attempt < 4 && answer.status !== 200; attempt++) {
      answer = await postSync(stack, `Bearer ${from.tokens.idToken}`, request);
    }
    expect(answer.status).toBe(200);
    const { results } = answer.body as { results: { status: string }[] };
    expect(results.filter((r) => r.status !== 'applied' && r.status !== 'duplicate')).toEqual([]);
  }
}

/**
 * Twice the 200 a conversation opens with, and well under the server's 600 sends a minute
 * (a retried request counts again).
 */
const LONG = 400;
const OLD = 'The Zeppelin lands at dawn';

test('offline: finds an old message far back and opens the conversation at it', async ({
  context,
  page,
  stack,
  user,
}, testInfo) => {
  test.setTimeout(180_000);
  const [alice, bob, carol] = await Promise.all([user('alice'), user('bob'), user('carol')]);
  await signIn(page, alice);
  await waitForServiceWorker(page);
  await addContact(page, 'Bob', bob.email);
  await addContact(page, 'Carol', carol.email);
  await arrive(stack, carol, alice.email, ['Zeppelins again? Carol here']);
  const bodies = Array.from({ length: LONG }, (_, i) => (i === 2 ? OLD : `Bob says ${i}`));
  await arrive(stack, bob, alice.email, bodies);
  await expect(contactLink(page, 'Bob')).toContainText(`${LONG} unread`, {
    timeout: SYNC_TIMEOUT * 2,
  });

  const search = page.getByRole('searchbox', { name: 'Search chats' });
  const results = page.getByRole('region', { name: 'Messages' });
  await test.step('offline reload, then search: grouped results, the word marked', async () => {
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByText('Offline', { exact: true })).toBeVisible();
    await search.fill('ZEPPÉL');
    const fromBob = results.getByRole('list', { name: 'Bob' }).getByRole('link');
    await expect(fromBob).toHaveCount(1);
    await expect(fromBob).toContainText(OLD);
    await expect(fromBob.locator('mark')).toHaveText('Zeppelin');
    await expect(results.getByRole('list', { name: 'Carol' }).getByRole('link')).toContainText(
      'Zeppelins again?',
    );
    await expectAccessible(page, 'search results');
  });

  await test.step('choosing it opens the conversation there, highlighted', async () => {
    // From the keyboard: ↓ to the first result (the newest match, Bob's), Enter.
    await search.press('ArrowDown');
    await expect(results.getByRole('link').first()).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 2, name: 'Bob' })).toBeVisible();
    const found = bubble(page, OLD);
    await expect(found).toBeInViewport();
    await expect(found).toHaveClass(/bubble-row--found/);
    // Far back: the newest messages are not drawn, nor is anything of Carol's.
    await expect(bubble(page, `Bob says ${LONG - 1}`)).toHaveCount(0);
    await expect(messageLog(page).getByText(/Carol/)).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Jump to newest/ })).toBeVisible();
    // Nothing was read while the newest messages were out of view (the title counts unread).
    await expect(page).toHaveTitle(`(${LONG}) ChatScape`);
    await expectAccessible(page, 'conversation opened at a result');
  });

  await test.step('Jump to newest goes to the newest and reads them', async () => {
    await page.getByRole('button', { name: /Jump to newest/ }).click();
    await expect(bubble(page, `Bob says ${LONG - 1}`)).toBeInViewport();
    await expect(page).toHaveTitle('ChatScape', { timeout: SYNC_TIMEOUT });
  });

  await test.step('About lists the search keys', async () => {
    await page.getByRole('button', { name: 'Account' }).click();
    await page.getByRole('menuitem', { name: 'About' }).click();
    await expect(page.getByRole('dialog', { name: 'About' })).toContainText('↓ in the search');
    await page.keyboard.press('Escape');
  });
  await endState(page, testInfo);
});
