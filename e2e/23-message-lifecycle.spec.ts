/**
 * Journey 23 — the message lifecycle between two people: bob replies to one of alice's
 * messages from its actions menu, the quote shows above his reply on both screens, and
 * tapping it takes alice to the original; alice, offline, edits one message and deletes
 * another for everyone: nothing reaches bob until she is back online, then he sees the new
 * text marked "edited" and the tombstone, the server holds no deleted text, and axe stays
 * clean with the menu open.
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
import { expectAccessible } from './support/axe.ts';
import { expect, test } from './support/fixtures.ts';
import { scanTable } from './support/server.ts';

/** Opens the actions menu of the bubble showing `text`, and picks `item`. */
async function act(page: Page, text: string, item: string) {
  await bubble(page, text)
    .getByRole('button', { name: /^Actions for / })
    .click();
  await page.getByRole('menuitem', { name: item }).click();
}

test('reply and jump to the original; an offline edit and delete reach the other side', async ({
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
  const texts = ['Where shall we meet?', 'I can bring the map', 'Bring an umbrela', 'Never mind'];
  for (const text of texts) await send(alicePage, text);
  for (const text of texts) await expectSent(alicePage, text);
  for (const text of texts) {
    await expect(bubble(bobPage, text)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
  }

  await test.step('bob replies to the first message; the quote shows on both sides', async () => {
    await act(bobPage, 'Where shall we meet?', 'Reply');
    await expect(bobPage.getByText('Replying to Alice:')).toBeVisible();
    await send(bobPage, 'At the harbour');
    await expect(bobPage.getByText('Replying to Alice:')).toHaveCount(0);
    const reply = bubble(bobPage, 'At the harbour');
    await expect(
      reply.getByRole('button', { name: /Reply to Alice: Where shall we meet\?/ }),
    ).toBeVisible();
    await expectSent(bobPage, 'At the harbour');
    const received = bubble(alicePage, 'At the harbour');
    await expect(received).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await expect(
      received.getByRole('button', { name: /Reply to You: Where shall we meet/ }),
    ).toBeVisible();
  });

  await test.step('the quote jumps to the original, highlighted', async () => {
    await bubble(alicePage, 'At the harbour')
      .getByRole('button', { name: /Reply to You/ })
      .click();
    await expect(messageLog(alicePage).locator('.bubble-row--found')).toHaveCount(1);
    await expect(messageLog(alicePage).locator('.bubble-row--found')).toContainText(
      'Where shall we meet?',
    );
  });

  await test.step('the menu is keyboard accessible and axe stays clean with it open', async () => {
    const trigger = bubble(alicePage, 'I can bring the map').getByRole('button', {
      name: 'Actions for your message',
    });
    await trigger.focus();
    await alicePage.keyboard.press('ArrowDown');
    await expect(alicePage.getByRole('menuitem', { name: 'Reply' })).toBeFocused();
    await expect(alicePage.getByRole('menuitem', { name: 'Edit' })).toBeVisible();
    await expectAccessible(alicePage, 'conversation with the message menu open');
    await alicePage.keyboard.press('Escape');
    await expect(trigger).toBeFocused();
  });

  await test.step('offline, alice edits one message and deletes another for everyone', async () => {
    await aliceContext.setOffline(true);
    await act(alicePage, 'Bring an umbrela', 'Edit');
    const box = alicePage.getByRole('textbox', { name: 'Edit message' });
    await box.fill('Bring an umbrella');
    await box.press('Enter');
    await expect(bubble(alicePage, 'Bring an umbrella')).toContainText('edited');
    await act(alicePage, 'Never mind', 'Delete for everyone');
    await alicePage
      .getByRole('dialog')
      .getByRole('button', { name: 'Delete for everyone' })
      .click();
    await expect(bubble(alicePage, 'This message was deleted')).toHaveCount(1);
    // Nothing has left alice's device: both wait in her outbox, bob sees them as they were.
    await expect(alicePage.getByText(/2 waiting to send/)).toBeVisible();
    await expect(bubble(bobPage, 'Bring an umbrela')).toHaveCount(1);
    await expect(bubble(bobPage, 'Never mind')).toHaveCount(1);
  });

  await test.step('back online, both changes reach bob', async () => {
    await aliceContext.setOffline(false);
    await expect(bubble(bobPage, 'Bring an umbrella')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await expect(bubble(bobPage, 'Bring an umbrella')).toContainText('edited');
    await expect(bubble(bobPage, 'This message was deleted')).toHaveCount(1, {
      timeout: SYNC_TIMEOUT,
    });
    await expect(bubble(bobPage, 'Bring an umbrela')).toHaveCount(0);
    await expect(bubble(bobPage, 'Never mind')).toHaveCount(0);
    // The chat list's preview shows the tombstone, not the text.
    await bobPage.goBack();
    await expect(contactLink(bobPage, 'Alice')).toContainText('At the harbour');
    await openChat(bobPage, 'Alice');
  });

  await test.step('axe: a reply quote, an edited message and a tombstone, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      await bobPage.emulateMedia({ colorScheme });
      await expectAccessible(bobPage, `lifecycle bubbles, ${colorScheme}`);
    }
  });

  await test.step('the server keeps no deleted text', async () => {
    await expect
      .poll(
        async () => {
          const items = await scanTable<{ body: string; deleted?: boolean }>(stack, 'messages');
          return items.some((m) => m.body === 'Never mind') || !items.some((m) => m.deleted);
        },
        { timeout: SYNC_TIMEOUT },
      )
      .toBe(false);
  });

  await endState(alicePage, testInfo, 'alice');
  await endState(bobPage, testInfo, 'bob');
});
