/**
 * Journey 26 — a chat's own actions follow the user across devices: muting, renaming and
 * deleting the chat on bob's phone reach his laptop, which has the same conversation open;
 * the deleted messages never come back, and the peer keeps the copy and the conversation goes
 * on.
 */
import type { Page } from '@playwright/test';
import {
  aliceAndBobsTwoDevices,
  bubble,
  endState,
  expectSent,
  openChat,
  SYNC_TIMEOUT,
  send,
  shownBodies,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

const chatAction = async (page: Page, item: string) => {
  await page.getByRole('button', { name: 'Conversation actions' }).click();
  await page.getByRole('menuitem', { name: item }).click();
};

test('mute, rename and delete a chat on the phone: the laptop follows, the peer keeps theirs', async ({
  user,
  newContext,
}, testInfo) => {
  const { alicePage, phone, laptop } = await aliceAndBobsTwoDevices(user, newContext);
  await send(alicePage, 'a message before the delete');
  await expectSent(alicePage, 'a message before the delete');
  await openChat(phone, 'Alice');
  await openChat(laptop, 'Alice');
  for (const page of [phone, laptop]) {
    await expect(bubble(page, 'a message before the delete')).toHaveCount(1, {
      timeout: SYNC_TIMEOUT,
    });
  }

  await test.step('muted on the phone, muted on the laptop', async () => {
    await chatAction(phone, 'Mute notifications');
    await expect(phone.getByText('Muted', { exact: true })).toBeVisible();
    await expect(laptop.getByText('Muted', { exact: true })).toBeVisible({
      timeout: SYNC_TIMEOUT,
    });
  });

  await test.step('renamed on the phone, renamed on the laptop', async () => {
    await chatAction(phone, 'Rename');
    const renaming = phone.getByRole('dialog', { name: 'Rename Alice' });
    await renaming.getByRole('textbox', { name: 'Name' }).fill('Alice Liddell');
    await renaming.getByRole('button', { name: 'Save' }).click();
    await expect(renaming).toBeHidden();
    await expect(laptop.getByRole('heading', { level: 2, name: 'Alice Liddell' })).toBeVisible({
      timeout: SYNC_TIMEOUT,
    });
  });

  await test.step('deleted on the phone: gone from the laptop; alice keeps her copy', async () => {
    await chatAction(phone, 'Delete chat');
    await phone.getByRole('dialog').getByRole('button', { name: 'Delete chat' }).click();
    await expect(bubble(phone, 'a message before the delete')).toHaveCount(0);
    await expect(bubble(laptop, 'a message before the delete')).toHaveCount(0, {
      timeout: SYNC_TIMEOUT,
    });
    await expect(bubble(alicePage, 'a message before the delete')).toHaveCount(1);
  });

  await test.step('the conversation goes on: only what came after, on both devices', async () => {
    await send(alicePage, 'and one after it');
    for (const page of [phone, laptop]) {
      await expect(bubble(page, 'and one after it')).toHaveCount(1, { timeout: SYNC_TIMEOUT });
      expect(await shownBodies(page)).toEqual(['and one after it']);
    }
    // A reload pulls nothing deleted back (from IndexedDB and a pull from the server).
    await laptop.reload();
    await openChat(laptop, 'Alice Liddell');
    await expect(bubble(laptop, 'and one after it')).toHaveCount(1);
    expect(await shownBodies(laptop)).toEqual(['and one after it']);
    await expect(laptop.getByText('Muted', { exact: true })).toBeVisible();
  });

  await endState(phone, testInfo, 'phone');
  await endState(laptop, testInfo, 'laptop');
});
