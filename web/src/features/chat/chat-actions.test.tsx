import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { addContact, listConversation, newContact } from '../../db/index.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { Conversation } from './conversation.tsx';

const BOB = 'bob@example.com';

async function withHistory() {
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  await db.contacts.update(BOB, { lastMessageAt: 100 });
  await db.messages.put({
    id: '00000000-0000-7000-8000-000000000001',
    sender: BOB,
    recipient: db.self,
    body: 'an old message',
    sentAt: 100,
    serverTime: 100,
    peer: BOB,
    rank: 100,
    state: 'sent',
  });
  await db.outbox.clear();
  return db;
}

const menu = async (user: ReturnType<typeof userEvent.setup>, item: string) => {
  await user.click(screen.getByRole('button', { name: 'Conversation actions' }));
  await user.click(await screen.findByRole('menuitem', { name: item }));
};

it('the conversation menu mutes, renames and deletes the chat for me', async () => {
  const user = userEvent.setup();
  const { db } = renderInSession(<Conversation peer={BOB} />, await withHistory());
  await screen.findByText('an old message');
  await menu(user, 'Mute notifications');
  expect(await screen.findByText('Muted')).toBeTruthy();
  await menu(user, 'Rename');
  const rename = screen.getByRole('dialog', { name: 'Rename Bob' });
  const name = within(rename).getByRole('textbox', { name: 'Name' });
  await user.clear(name);
  await user.type(name, 'Bobby');
  await user.click(within(rename).getByRole('button', { name: 'Save' }));
  expect(await screen.findByRole('heading', { name: 'Bobby' })).toBeTruthy();
  await menu(user, 'Delete chat');
  await user.click(
    within(screen.getByRole('dialog', { name: 'Delete chat' })).getByRole('button', {
      name: 'Delete chat',
    }),
  );
  await waitFor(async () => expect(await listConversation(db, BOB)).toEqual([]));
  // (Opening it also queued a read receipt: not this test's business.)
  const types = (await db.outbox.toArray())
    .map((r) => r.type)
    .filter((t) => !t.startsWith('receipt.'));
  expect(types).toEqual(['chat.mute', 'contact.add', 'chat.clear']);
});

it('a request has no Rename (accepting names it)', async () => {
  const user = userEvent.setup();
  const db = freshDb();
  await db.contacts.put({ ...newContact(BOB, 1), request: true, lastMessageAt: 1 });
  renderInSession(<Conversation peer={BOB} />, db);
  await user.click(await screen.findByRole('button', { name: 'Conversation actions' }));
  expect(screen.queryByRole('menuitem', { name: 'Rename' })).toBeNull();
});
