/**
 * Journey 16 — message requests: opening one shows the message with an Accept / Block /
 * Report bar and no composer; replying needs Accept first. Block offers "Also report", and
 * Report offers categories with optional details (stored as "category: details"). axe stays
 * clean in each state.
 */
import {
  bubble,
  contactLink,
  endState,
  requestList,
  SYNC_TIMEOUT,
  send,
  signIn,
} from './support/app.ts';
import { expectAccessible } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { postSync, scanTable } from './support/server.ts';
import type { StackInfo, TestUser } from './support/stack.ts';

/** A stranger writes to `to` straight through the API. */
async function strangerWrites(stack: StackInfo, from: TestUser, to: string, body: string) {
  const { status } = await postSync(stack, `Bearer ${from.tokens.idToken}`, {
    v: 1,
    clientId: crypto.randomUUID(),
    cursor: null,
    mutations: [{ id: crypto.randomUUID(), type: 'message.send', to, body, sentAt: Date.now() }],
  });
  expect(status).toBe(200);
}

const reportsBy = async (stack: StackInfo, reporter: string) =>
  (await scanTable<{ reported: string; reporter: string; reason: string }>(stack, 'reports'))
    .filter((r) => r.reporter === reporter)
    .map(({ reported, reason }) => ({ reported, reason }));

test('a request: Accept / Block / Report bar, no composer until accepted', async ({
  page,
  stack,
  user,
}, testInfo) => {
  const [alice, dan, mallory] = await Promise.all([user('alice'), user('dan'), user('mallory')]);
  await signIn(page, alice);
  await strangerWrites(stack, dan, alice.email, 'Hi, we met at the conference');
  await strangerWrites(stack, mallory, alice.email, 'Buy cheap watches now');
  await expect(requestList(page).getByRole('listitem')).toHaveCount(2, { timeout: SYNC_TIMEOUT });

  const bar = page.getByRole('region', { name: 'Message request', exact: true });
  await test.step('opening a request: the message, the bar, no composer', async () => {
    await contactLink(page, dan.email, requestList(page)).click();
    await expect(bubble(page, 'Hi, we met at the conference')).toHaveCount(1);
    await expect(bar).toBeVisible();
    await expect(bar.getByRole('button', { name: 'Accept' })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Message' })).toHaveCount(0);
    await expectAccessible(page, 'request');

    await bar.getByRole('button', { name: 'Report' }).click();
    const report = page.getByRole('dialog', { name: 'Report' });
    for (const name of ['Spam', 'Harassment', 'Impersonation', 'Something else']) {
      await expect(report.getByRole('radio', { name })).toBeVisible();
    }
    await expectAccessible(page, 'report-categories');
    await page.keyboard.press('Escape');

    await bar.getByRole('button', { name: 'Block' }).click();
    const block = page.getByRole('dialog', { name: 'Block' });
    await block.getByRole('checkbox', { name: /Also report/ }).check();
    await expect(block.getByRole('radio', { name: 'Spam' })).toBeChecked();
    await expectAccessible(page, 'block-and-report');
    await page.keyboard.press('Escape');
  });

  await test.step('Accept, then reply', async () => {
    await bar.getByRole('button', { name: 'Accept' }).click();
    // Accepting asks for a name (suggested from the address), not the email shown twice.
    const naming = page.getByRole('dialog', { name: 'Accept message request' });
    await naming.getByRole('textbox', { name: 'Name' }).fill('Dan');
    await naming.getByRole('button', { name: 'Accept' }).click();
    await expect(bar).toBeHidden();
    await send(page, 'Nice to hear from you');
    // Listed under the name given on accepting, not as the email.
    await expect(contactLink(page, 'Dan')).toBeVisible();
  });

  await test.step('Block and report the other one', async () => {
    await contactLink(page, mallory.email, requestList(page)).click();
    await expect(bubble(page, 'Buy cheap watches now')).toHaveCount(1);
    await bar.getByRole('button', { name: 'Block' }).click();
    const block = page.getByRole('dialog', { name: 'Block' });
    await block.getByRole('checkbox', { name: /Also report/ }).check();
    await block.getByRole('radio', { name: 'Spam' }).check();
    await block.getByRole('textbox', { name: 'Details (optional)' }).fill('watch adverts');
    await block.getByRole('button', { name: 'Block and report' }).click();
    await expect(block).toBeHidden();
    await expect(page.getByRole('main').getByText('Blocked', { exact: true })).toBeVisible();
    await expect
      .poll(() => reportsBy(stack, alice.email), { timeout: SYNC_TIMEOUT })
      .toEqual([{ reported: mallory.email, reason: 'spam: watch adverts' }]);
  });

  await endState(page, testInfo);
});
