import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it, vi } from 'vitest';
import { type ChatDb, type LocalMessage, newContact } from '../../db/index.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { ContactList } from '../contacts/contact-list.tsx';
import { MessageResults } from './message-results.tsx';

const BOB = 'bob@example.com';
const CAROL = 'carol@example.com';
const EVE = 'eve@example.com';

function message(id: string, peer: string, body: string, rank: number): LocalMessage {
  return {
    id,
    sender: peer,
    recipient: 'alice@example.com',
    body,
    sentAt: rank,
    serverTime: rank,
    peer,
    rank,
    state: 'sent',
  };
}

async function seeded(): Promise<ChatDb> {
  const db = freshDb();
  await db.contacts.bulkPut([
    { ...newContact(BOB, 1), name: 'Bob', lastActivity: 3 },
    { ...newContact(CAROL, 1), name: 'Carol', lastActivity: 2 },
    { ...newContact(EVE, 1), name: 'Eve', blocked: true, lastActivity: 1 },
  ]);
  await db.messages.bulkAdd([
    message('b1', BOB, 'Pick up the Crème brûlée', 10),
    message('b2', BOB, '<img src=x onerror=alert(1)> creme for you', 30),
    message('c1', CAROL, 'No CREMA left', 20),
    message('e1', EVE, 'creme secrets', 40),
  ]);
  return db;
}

function renderSearch(db: ChatDb) {
  const onChoose = vi.fn();
  const view = renderInSession(
    <ContactList
      selected={null}
      searchResults={(query, focusSearch) => (
        <MessageResults query={query} onChoose={onChoose} onLeaveTop={focusSearch} />
      )}
    />,
    db,
  );
  return { ...view, onChoose, box: screen.getByRole('searchbox', { name: 'Search chats' }) };
}

it('shows matching messages grouped by conversation, matched words marked, never as HTML', async () => {
  const user = userEvent.setup();
  const { box } = renderSearch(await seeded());
  await user.type(box, 'CREM');
  const results = await screen.findByRole('region', { name: 'Messages' });
  expect(within(results).getByRole('status').textContent).toBe('3 messages in 2 chats');
  const bob = within(results).getByRole('list', { name: 'Bob' });
  const carol = within(results).getByRole('list', { name: 'Carol' });
  // Bob's newest match first; Eve is blocked: nothing of hers shows.
  expect(
    within(bob)
      .getAllByRole('link')
      .map((a) => a.textContent),
  ).toEqual([
    expect.stringContaining('<img src=x onerror=alert(1)> creme for you'),
    expect.stringContaining('Pick up the Crème brûlée'),
  ]);
  expect(within(results).queryByText(/secrets/)).toBeNull();
  expect(results.querySelector('img')).toBeNull();
  expect(Array.from(results.querySelectorAll('mark'), (m) => m.textContent)).toEqual([
    'creme',
    'Crème',
    'CREMA',
  ]);
  expect(within(carol).getAllByRole('link')).toHaveLength(1);
  // No contact is called "crem": the contact list says so, the messages are still found.
  expect(screen.getByText('No contact matches your search.')).toBeTruthy();
});

it('every word must match; no match says so', async () => {
  const user = userEvent.setup();
  const { box } = renderSearch(await seeded());
  const results = () => screen.getByRole('region', { name: 'Messages' });
  await user.type(box, 'brulee pick');
  await waitFor(() => expect(within(results()).getAllByRole('link')).toHaveLength(1));
  await user.clear(box);
  await user.type(box, 'brulee nothing');
  await waitFor(() =>
    expect(within(results()).getByRole('status').textContent).toBe(
      'No message matches your search.',
    ),
  );
  await user.clear(box);
  expect(screen.queryByRole('region', { name: 'Messages' })).toBeNull();
});

it('is keyboard navigable: ↓ from the box, ↑/↓ between results, Enter opens, ↑ goes back', async () => {
  const user = userEvent.setup();
  const { box, onChoose } = renderSearch(await seeded());
  await user.type(box, 'crem');
  const results = await screen.findByRole('region', { name: 'Messages' });
  await waitFor(() => expect(within(results).getAllByRole('link')).toHaveLength(3));
  const links = within(results).getAllByRole('link');
  // One Tab stop for all the results.
  expect(links.map((a) => a.tabIndex)).toEqual([0, -1, -1]);
  await user.keyboard('{ArrowDown}');
  expect(document.activeElement).toBe(links[0]);
  await user.keyboard('{ArrowDown}{ArrowDown}');
  expect(document.activeElement).toBe(links[2]);
  await user.keyboard('{Enter}');
  expect(onChoose).toHaveBeenCalledWith(CAROL, 'c1');
  await user.keyboard('{Home}{ArrowUp}');
  expect(document.activeElement).toBe(box);
});

it('a contact matched by name comes before the messages, and opens as before', async () => {
  const user = userEvent.setup();
  const { box, session } = renderSearch(await seeded());
  await user.type(box, 'carol');
  const contacts = screen.getByRole('list', { name: 'Contacts' });
  await waitFor(() => expect(within(contacts).getAllByRole('link')).toHaveLength(1));
  await user.keyboard('{ArrowDown}{Enter}');
  expect(session.navigate).toHaveBeenCalledWith('/chat/carol@example.com');
});

it('follows writes: a message stored while the results are open shows up in them', async () => {
  const user = userEvent.setup();
  const db = await seeded();
  const { box } = renderSearch(db);
  await user.type(box, 'crem');
  const status = () => within(screen.getByRole('region', { name: 'Messages' })).getByRole('status');
  await waitFor(() => expect(status().textContent).toBe('3 messages in 2 chats'));
  await db.messages.add(message('c2', CAROL, 'Crémeux, finally', 50));
  await waitFor(() => expect(status().textContent).toBe('4 messages in 2 chats'));
  const carol = screen.getByRole('list', { name: 'Carol' });
  expect(within(carol).getAllByRole('link')[0]?.textContent).toContain('Crémeux, finally');
});

it('shows a page of 50, and Show more results reads the next', async () => {
  const user = userEvent.setup();
  const db = freshDb();
  await db.contacts.put({ ...newContact(BOB, 1), name: 'Bob' });
  await db.messages.bulkAdd(
    Array.from({ length: 60 }, (_, i) =>
      message(`n${String(i).padStart(2, '0')}`, BOB, `note ${i}`, i),
    ),
  );
  const { box } = renderSearch(db);
  await user.type(box, 'note');
  const results = () => screen.getByRole('region', { name: 'Messages' });
  await waitFor(() => expect(within(results()).getAllByRole('link')).toHaveLength(50));
  expect(within(results()).getByRole('status').textContent).toBe('50+ messages in 1 chat');
  expect(within(results()).getAllByRole('link')[0]?.textContent).toContain('note 59');
  await user.click(within(results()).getByRole('button', { name: 'Show more results' }));
  await waitFor(() => expect(within(results()).getAllByRole('link')).toHaveLength(60));
  expect(within(results()).queryByRole('button', { name: 'Show more results' })).toBeNull();
});
