/**
 * Journey 25 — drafts follow the user across devices: text typed (not sent) in a conversation
 * on bob's phone shows in the same conversation's box on his laptop; sending it from the
 * laptop clears the box on the phone too.
 */
import {
  addContact,
  bubble,
  endState,
  expectSynced,
  openChat,
  SYNC_TIMEOUT,
  signIn,
} from './support/app.ts';
import { expect, test } from './support/fixtures.ts';

test('a draft moves between two devices of one user; sending clears it on both', async ({
  user,
  newContext,
}, testInfo) => {
  const [alice, bob] = await Promise.all([user('alice'), user('bob')]);
  const phone = await (await newContext()).newPage();
  const laptop = await (await newContext()).newPage();
  await Promise.all([signIn(phone, bob), signIn(laptop, bob)]);
  await addContact(phone, 'Alice', alice.email);
  await expectSynced(phone);
  await openChat(phone, 'Alice');
  await openChat(laptop, 'Alice');
  const phoneBox = phone.getByRole('textbox', { name: 'Message' });
  const laptopBox = laptop.getByRole('textbox', { name: 'Message' });

  await test.step('typed on the phone, shown on the laptop', async () => {
    await phoneBox.pressSequentially('Half a thought about Saturday', { delay: 20 });
    await expect(laptopBox).toHaveValue('Half a thought about Saturday', {
      timeout: SYNC_TIMEOUT,
    });
  });

  await test.step('finished and sent on the laptop: cleared on the phone', async () => {
    await laptopBox.press('End');
    await laptopBox.pressSequentially(', see you there');
    await laptopBox.press('Enter');
    const sent = 'Half a thought about Saturday, see you there';
    await expect(bubble(laptop, sent)).toHaveCount(1);
    await expect(bubble(phone, sent)).toHaveCount(1, { timeout: SYNC_TIMEOUT });
    await expect(phoneBox).toHaveValue('', { timeout: SYNC_TIMEOUT });
    await expect(laptopBox).toHaveValue('');
  });

  await test.step('the phone reloads: no stale draft comes back', async () => {
    await phone.reload();
    await openChat(phone, 'Alice');
    await expect(bubble(phone, 'Half a thought about Saturday, see you there')).toHaveCount(1);
    await expect(phone.getByRole('textbox', { name: 'Message' })).toHaveValue('');
  });
  await endState(phone, testInfo, 'phone');
});
