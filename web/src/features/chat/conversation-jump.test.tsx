import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { expect, it } from 'vitest';
import { addContact, type ChatDb } from '../../db/index.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { Conversation } from './conversation.tsx';
import type { JumpTarget } from './use-conversation-window.ts';

const BOB = 'bob@example.com';
const SLOW = { timeout: 4000 };
const T0 = 1_700_000_000_000;
const idOf = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;

/** `count` messages, the last `unread` of them unread. */
async function withHistory(count: number, unread: number): Promise<ChatDb> {
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  await db.contacts.update(BOB, {
    lastReadAt: T0 + (count - 1 - unread) * 60_000,
    readArrival: count - unread,
  });
  await db.messages.bulkPut(
    Array.from({ length: count }, (_, i) => ({
      id: idOf(i),
      sender: i % 2 ? BOB : db.self,
      recipient: i % 2 ? db.self : BOB,
      body: `message ${i}`,
      sentAt: T0 + i * 60_000,
      serverTime: T0 + i * 60_000,
      peer: BOB,
      rank: T0 + i * 60_000,
      arrival: i + 1,
      state: 'sent' as const,
    })),
  );
  return db;
}

/** The conversation as the shell holds it: a target that a new search choice replaces. */
let choose: (target: JumpTarget) => void = () => {};
function Shell({ first }: { first: JumpTarget }) {
  const [target, setTarget] = useState(first);
  choose = setTarget;
  return <Conversation peer={BOB} target={target} />;
}

const found = (log: HTMLElement) =>
  Array.from(log.querySelectorAll('.bubble-row--found'), (el) => el.textContent);

it('opens far back at a chosen message, highlighted, and reads nothing until the newest is in view', async () => {
  const user = userEvent.setup();
  const db = await withHistory(5_000, 9);
  const readBefore = (await db.contacts.get(BOB))?.readArrival;
  renderInSession(<Shell first={{ id: idOf(100), seq: 1 }} />, db);
  const log = await screen.findByRole('log');
  log.dispatchEvent(new Event('scroll'));
  expect(await within(log).findByText('message 100', {}, SLOW)).toBeTruthy();
  expect(found(log)).toEqual([expect.stringContaining('message 100')]);
  expect(within(log).queryByText('message 4999')).toBeNull();
  // Only a window around it is read, not the 4,900 messages after it.
  expect(log.scrollHeight).toBeLessThan(250 * 68);
  expect(await screen.findByRole('button', { name: /Jump to newest/ })).toBeTruthy();

  // The bottom of this window is not the bottom of the conversation: the next page loads, and
  // nothing is marked read.
  log.scrollTop = log.scrollHeight;
  log.dispatchEvent(new Event('scroll'));
  expect(await within(log).findByText('message 203', {}, SLOW)).toBeTruthy();
  expect((await db.contacts.get(BOB))?.readArrival).toBe(readBefore);

  // Another result of the same conversation: the window moves to it.
  act(() => choose({ id: idOf(3_000), seq: 2 }));
  // (A new choice draws a new list, placed like on opening.)
  const log2 = () => screen.getByRole('log');
  await waitFor(() => {
    // happy-dom fires no scroll event when the list scrolls itself: tell the virtualizer.
    log2().dispatchEvent(new Event('scroll'));
    expect(found(log2())).toEqual([expect.stringContaining('message 3000')]);
  }, SLOW);

  await user.click(await screen.findByRole('button', { name: /Jump to newest/ }));
  await waitFor(() => {
    log2().dispatchEvent(new Event('scroll'));
    expect(within(log2()).getByText('message 4999')).toBeTruthy();
  }, SLOW);
  expect(found(log2())).toEqual([]);
  await waitFor(async () => expect((await db.contacts.get(BOB))?.readArrival).toBe(5_000));
}, 20_000);

it('a target that is not in the conversation opens at the newest', async () => {
  const db = await withHistory(300, 0);
  renderInSession(<Conversation peer={BOB} target={{ id: 'no-such-id', seq: 1 }} />, db);
  const log = await screen.findByRole('log');
  log.dispatchEvent(new Event('scroll'));
  expect(await within(log).findByText('message 299', {}, SLOW)).toBeTruthy();
  expect(found(log)).toEqual([]);
});

it('sending from a window far back brings back the newest, with the new message', async () => {
  const user = userEvent.setup();
  const db = await withHistory(1_000, 0);
  renderInSession(<Shell first={{ id: idOf(50), seq: 1 }} />, db);
  const log = await screen.findByRole('log');
  log.dispatchEvent(new Event('scroll'));
  expect(await within(log).findByText('message 50', {}, SLOW)).toBeTruthy();
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'from far back{Enter}');
  await waitFor(() => {
    log.dispatchEvent(new Event('scroll'));
    expect(within(log).getByText('from far back')).toBeTruthy();
  }, SLOW);
  expect(within(log).queryByText('message 50')).toBeNull();
  expect(found(log)).toEqual([]);
}, 20_000);
