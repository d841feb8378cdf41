import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { type ChatDb, newContact } from '../../db/index.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { Conversation } from './conversation.tsx';

const DAN = 'dan@example.com';

async function withRequest(): Promise<ChatDb> {
  const db = freshDb();
  await db.contacts.put({ ...newContact(DAN, 1_000), request: true, lastMessageAt: 1_000 });
  await db.messages.put({
    id: '00000000-0000-7000-8000-000000000001',
    sender: DAN,
    recipient: db.self,
    body: 'Hello from Dan',
    sentAt: 1_000,
    serverTime: 1_000,
    peer: DAN,
    rank: 1_000,
    state: 'sent',
  });
  return db;
}

// Opening the request also queues a read receipt (the user's own devices): not asserted here.
const mutations = async (db: ChatDb) =>
  (await db.outbox.toArray())
    .map((row) => row.mutation)
    .filter((m) => !m.type.startsWith('receipt.'));

it('a request shows the message and Accept / Block / Report, no composer until accepted', async () => {
  const user = userEvent.setup();
  const { db } = renderInSession(<Conversation peer={DAN} />, await withRequest());
  expect(await screen.findByText('Hello from Dan')).toBeTruthy();
  const bar = screen.getByRole('region', { name: 'Message request' });
  expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
  await user.click(within(bar).getByRole('button', { name: 'Accept' }));
  // Accepting asks for a name (suggested from the address) instead of showing the email twice.
  const dialog = screen.getByRole('dialog', { name: 'Accept message request' });
  const name = within(dialog).getByRole('textbox', { name: 'Name' }) as HTMLInputElement;
  expect(name.value).toBe('Dan');
  await user.clear(name);
  await user.type(name, 'Dan Smith');
  await user.click(within(dialog).getByRole('button', { name: 'Accept' }));
  expect(await screen.findByRole('textbox', { name: 'Message' })).toBeTruthy();
  expect(screen.queryByRole('region', { name: 'Message request' })).toBeNull();
  expect(await mutations(db)).toMatchObject([
    { type: 'contact.add', email: DAN, name: 'Dan Smith' },
  ]);
});

it('Block on a request can also report, with a category', async () => {
  const user = userEvent.setup();
  const { db } = renderInSession(<Conversation peer={DAN} />, await withRequest());
  const bar = await screen.findByRole('region', { name: 'Message request' });
  await user.click(within(bar).getByRole('button', { name: 'Block' }));
  const dialog = screen.getByRole('dialog', { name: 'Block' });
  expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
  await user.click(within(dialog).getByRole('checkbox', { name: /Also report/ }));
  await user.click(within(dialog).getByRole('radio', { name: 'Harassment' }));
  await user.click(within(dialog).getByRole('button', { name: 'Block and report' }));
  await waitFor(async () =>
    expect(await mutations(db)).toMatchObject([
      { type: 'contact.block', email: DAN },
      { type: 'contact.report', email: DAN, reason: 'harassment' },
    ]),
  );
  expect(await screen.findByText(`You blocked ${DAN}. Unblock to send messages.`)).toBeTruthy();
});

it('Report on a request: a category and optional details, no block', async () => {
  const user = userEvent.setup();
  const { db } = renderInSession(<Conversation peer={DAN} />, await withRequest());
  const bar = await screen.findByRole('region', { name: 'Message request' });
  await user.click(within(bar).getByRole('button', { name: 'Report' }));
  const dialog = screen.getByRole('dialog', { name: 'Report' });
  await user.click(within(dialog).getByRole('radio', { name: 'Spam' }));
  await user.click(within(dialog).getByRole('button', { name: 'Report' }));
  await waitFor(async () =>
    expect(await mutations(db)).toMatchObject([{ type: 'contact.report', reason: 'spam' }]),
  );
  expect(screen.getByRole('region', { name: 'Message request' })).toBeTruthy();
});
