import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { type ChatDb, newContact, readReceiptsOn } from '../../db/index.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { Conversation } from '../chat/conversation.tsx';
import { PrivacyDialog } from './privacy-dialog.tsx';

const BOB = 'bob@example.com';

/** Three of my messages, sent at 100, 200 and 300; Bob received two and read one. */
async function withTicks(): Promise<ChatDb> {
  const db = freshDb();
  await db.contacts.put({
    ...newContact(BOB, 100),
    name: 'Bob',
    lastMessageAt: 300,
    peerDeliveredAt: 200,
    peerReadAt: 100,
  });
  for (const t of [100, 200, 300]) {
    await db.messages.put({
      id: `00000000-0000-7000-8000-00000000000${t / 100}`,
      sender: db.self,
      recipient: BOB,
      body: `mine at ${t}`,
      sentAt: t,
      serverTime: t,
      peer: BOB,
      rank: t,
      state: 'sent',
    });
  }
  return db;
}

const tickOfBubble = (body: string) =>
  screen
    .getByText(body)
    .closest('[data-message-id]')
    ?.querySelector('[data-tick]')
    ?.getAttribute('data-tick');

it('my messages show read, delivered and sent from the peer’s marks, and follow them live', async () => {
  const { db } = renderInSession(<Conversation peer={BOB} />, await withTicks());
  const log = await screen.findByRole('log');
  await within(log).findByText('mine at 300');
  expect(tickOfBubble('mine at 100')).toBe('read');
  expect(tickOfBubble('mine at 200')).toBe('delivered');
  expect(tickOfBubble('mine at 300')).toBe('sent');
  expect(within(log).getByText('Read')).toBeTruthy();
  await db.contacts.update(BOB, { peerReadAt: 300, peerDeliveredAt: 300 });
  await waitFor(() => expect(tickOfBubble('mine at 300')).toBe('read'));
});

it('"Send read receipts" off shows no read ticks (delivered stays)', async () => {
  const db = await withTicks();
  const user = userEvent.setup();
  renderInSession(<PrivacyDialog open onClose={() => {}} />, db);
  const box = await screen.findByRole('checkbox', { name: 'Send read receipts' });
  expect((box as HTMLInputElement).checked).toBe(true);
  await user.click(box);
  await waitFor(async () => expect(await readReceiptsOn(db)).toBe(false));
  renderInSession(<Conversation peer={BOB} />, db);
  await screen.findByText('mine at 300');
  await waitFor(() => expect(tickOfBubble('mine at 100')).toBe('delivered'));
  expect(screen.queryByText('Read')).toBeNull();
});

it('a peer without an account: the conversation says why messages stay sent', async () => {
  const db = await withTicks();
  await db.contacts.update(BOB, { peerJoined: false });
  renderInSession(<Conversation peer={BOB} />, db);
  expect(await screen.findByText(/bob@example.com has not joined ChatScape yet/)).toBeTruthy();
});
