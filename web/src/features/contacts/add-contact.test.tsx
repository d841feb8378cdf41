import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { renderInSession } from '../../test/render.tsx';
import { ContactList } from './contact-list.tsx';

async function openDialog(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Add contact' }));
  return screen.getByRole('dialog', { name: 'Add contact' });
}

it('adds a contact after showing inline validation errors', async () => {
  const user = userEvent.setup();
  const { session, db } = renderInSession(<ContactList selected={null} />);
  let dialog = await openDialog(user);
  expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'Name' }));

  await user.click(within(dialog).getByRole('button', { name: 'Add' }));
  expect(await within(dialog).findByText('Name is required.')).toBeTruthy();
  expect(within(dialog).getByText('Email is required.')).toBeTruthy();
  expect(within(dialog).getByRole('textbox', { name: 'Name' }).getAttribute('aria-invalid')).toBe(
    'true',
  );

  await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Bob');
  await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'bob@');
  await user.click(within(dialog).getByRole('button', { name: 'Add' }));
  expect(await within(dialog).findByText('Email is not a valid address.')).toBeTruthy();

  await user.clear(within(dialog).getByRole('textbox', { name: 'Email' }));
  await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'alice@example.com');
  await user.click(within(dialog).getByRole('button', { name: 'Add' }));
  expect(
    await within(dialog).findByText('That is your own address. Add someone else.'),
  ).toBeTruthy();

  await user.clear(within(dialog).getByRole('textbox', { name: 'Email' }));
  await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'Bob@Example.com');
  await user.click(within(dialog).getByRole('button', { name: 'Add' }));
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  const contacts = screen.getByRole('list', { name: 'Contacts' });
  expect(await within(contacts).findByText('Bob')).toBeTruthy();
  expect(session.navigate).toHaveBeenCalledWith('/chat/bob@example.com');
  expect(session.afterWrite).toHaveBeenCalledTimes(1);

  // The same address again (any case) says it is already a contact: nothing is renamed
  // (renaming is in the conversation's menu).
  dialog = await openDialog(user);
  await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Robert');
  await user.type(within(dialog).getByRole('textbox', { name: 'Email' }), 'BOB@example.com');
  await user.click(within(dialog).getByRole('button', { name: 'Add' }));
  expect(await within(dialog).findByText(/already a contact \(Bob\)/)).toBeTruthy();
  expect(within(contacts).queryByText('Robert')).toBeNull();
  expect(within(contacts).getAllByRole('listitem')).toHaveLength(1);
  expect(await db.contacts.count()).toBe(1);
});

it('Cancel closes the dialog without adding anything', async () => {
  const user = userEvent.setup();
  const { db } = renderInSession(<ContactList selected={null} />);
  const dialog = await openDialog(user);
  await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Bob');
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
  expect(screen.queryByRole('dialog')).toBeNull();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add contact' }));
  expect(await db.outbox.count()).toBe(0);
});

it('searches names and emails case-insensitively', async () => {
  const user = userEvent.setup();
  const { db } = renderInSession(<ContactList selected={null} />);
  const { addContact } = await import('../../db/index.ts');
  await addContact(db, { name: 'Bob Builder', email: 'bob@example.com' });
  await addContact(db, { name: 'Carol', email: 'carol@work.example' });
  const contacts = screen.getByRole('list', { name: 'Contacts' });
  await within(contacts).findByText('Carol');
  await user.type(screen.getByRole('searchbox', { name: 'Search chats' }), 'WORK');
  await waitFor(() => expect(within(contacts).queryByText('Bob Builder')).toBeNull());
  expect(within(contacts).getByText('Carol')).toBeTruthy();
  await user.clear(screen.getByRole('searchbox', { name: 'Search chats' }));
  await user.type(screen.getByRole('searchbox', { name: 'Search chats' }), 'builder');
  await waitFor(() => expect(within(contacts).queryByText('Carol')).toBeNull());
});
