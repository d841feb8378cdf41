import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  addContact,
  type ChatDb,
  listConversation,
  markFailed,
  newContact,
  sendMessage,
} from '../../db/index.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { Conversation } from './conversation.tsx';

const BOB = 'bob@example.com';
/** Reading a 200-message page from fake-indexeddb takes a while on a busy machine. */
const SLOW = { timeout: 4000 };

async function withBob(): Promise<ChatDb> {
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  return db;
}

async function failOne(db: ChatDb, body: string) {
  const sent = await sendMessage(db, BOB, body);
  if (!sent.ok) throw new Error('send failed');
  const row = await db.outbox.where('id').equals(sent.value.id).first();
  if (!row) throw new Error('no outbox row');
  await db.transaction('rw', [db.outbox, db.messages, db.contacts], () =>
    markFailed(db, row, { code: 'invalid', message: 'body is too long for the server' }),
  );
  return sent.value.id;
}

describe('composer', () => {
  it('Enter sends; Shift+Enter adds a line', async () => {
    const user = userEvent.setup();
    const { db, session } = renderInSession(<Conversation peer={BOB} />, await withBob());
    const box = await screen.findByRole('textbox', { name: 'Message' });
    await user.type(box, 'hello{Enter}');
    const log = screen.getByRole('log');
    expect(await within(log).findByText('hello')).toBeTruthy();
    expect(within(log).getByText('Sending…')).toBeTruthy();
    expect((box as HTMLTextAreaElement).value).toBe('');
    expect(session.afterWrite).toHaveBeenCalledTimes(1);

    await user.type(box, 'line 1{Shift>}{Enter}{/Shift}line 2');
    expect((box as HTMLTextAreaElement).value).toBe('line 1\nline 2');
    await user.click(screen.getByRole('button', { name: 'Send' }));
    await waitFor(async () =>
      expect((await listConversation(db, BOB)).map((m) => m.body)).toEqual([
        'hello',
        'line 1\nline 2',
      ]),
    );
    expect(await db.outbox.count()).toBe(3); // contact.add + two sends
  });

  it('keeps a draft per conversation', async () => {
    const user = userEvent.setup();
    const db = await withBob();
    const first = renderInSession(<Conversation peer={BOB} />, db);
    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'half a thought');
    await waitFor(async () => expect((await db.drafts.get(BOB))?.text).toBe('half a thought'));
    first.unmount();
    renderInSession(<Conversation peer={BOB} />, db);
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('half a thought'));
  });

  it('saves the draft at once when the conversation closes, and a cleared one stays cleared', async () => {
    const user = userEvent.setup();
    const db = await withBob();
    const first = renderInSession(<Conversation peer={BOB} />, db);
    await user.type(await screen.findByRole('textbox', { name: 'Message' }), 'unsaved');
    first.unmount(); // well inside the 300 ms the debounced save waits
    await waitFor(async () => expect((await db.drafts.get(BOB))?.text).toBe('unsaved'));
    const second = renderInSession(<Conversation peer={BOB} />, db);
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    await waitFor(() => expect(box.value).toBe('unsaved'));
    await user.clear(box);
    second.unmount();
    // Cleared, with the version that keeps an older draft from another device out (drafts
    // across devices): an empty row, or none when nothing was ever synced.
    await waitFor(async () => expect((await db.drafts.get(BOB))?.text ?? '').toBe(''));
    // Queued once the save lands (at most DRAFT_SYNC_MS after it).
    await waitFor(async () => expect((await db.drafts.get(BOB))?.version).toBeDefined(), {
      timeout: 4000,
    });
    renderInSession(<Conversation peer={BOB} />, db);
    const third = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    expect(third.value).toBe('');
  });

  it('submitting twice in one go sends once; text typed right after Enter is kept', async () => {
    const user = userEvent.setup();
    const { db } = renderInSession(<Conversation peer={BOB} />, await withBob());
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    await user.type(box, 'once{Enter}{Enter}n');
    await user.type(box, 'ext{Enter}');
    await waitFor(async () =>
      expect((await listConversation(db, BOB)).map((m) => m.body)).toEqual(['once', 'next']),
    );
    expect(box.value).toBe('');
  });

  it('a send refused while writing puts the text back, with the reason', async () => {
    const user = userEvent.setup();
    const db = freshDb();
    // Only reachable through a stale row: the app never offers a conversation with yourself.
    await db.contacts.put({ ...newContact(db.self, 1), name: 'Me' });
    renderInSession(<Conversation peer={db.self} />, db);
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    await user.type(box, 'to myself{Enter}');
    expect(await screen.findByText('You cannot message yourself.')).toBeTruthy();
    expect(box.value).toBe('to myself');
    expect(await db.messages.count()).toBe(0);
  });

  it('Send is disabled over the length limit, and the counter says why', async () => {
    const { db } = renderInSession(<Conversation peer={BOB} />, await withBob());
    const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
    const user = userEvent.setup();
    await user.click(box);
    await user.paste('x'.repeat(4001));
    const send = screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    expect(screen.getByText(/1 characters too many: a message holds at most 4000/)).toBeTruthy();
    await user.keyboard('{Enter}');
    expect(box.value).toHaveLength(4001);
    expect(await db.messages.count()).toBe(0);
  });
});

describe('a failed message', () => {
  it('Retry queues it again with the same id', async () => {
    const user = userEvent.setup();
    const db = await withBob();
    const id = await failOne(db, 'too long, says the server');
    const { session } = renderInSession(<Conversation peer={BOB} />, db);
    const log = await screen.findByRole('log');
    expect(await within(log).findByText('Body is too long for the server.')).toBeTruthy();
    await user.click(within(log).getByRole('button', { name: 'Retry' }));
    expect(await within(log).findByText('Sending…')).toBeTruthy();
    expect(within(log).queryByRole('button', { name: 'Retry' })).toBeNull();
    const row = await db.outbox.where('id').equals(id).first();
    expect(row?.status).toBe('queued');
    await waitFor(() => expect(session.afterWrite).toHaveBeenCalled());
  });

  it('Discard removes it', async () => {
    const user = userEvent.setup();
    const db = await withBob();
    await failOne(db, 'never mind');
    renderInSession(<Conversation peer={BOB} />, db);
    const log = await screen.findByRole('log');
    await within(log).findByText('never mind');
    await user.click(within(log).getByRole('button', { name: 'Discard' }));
    await waitFor(() => expect(within(log).queryByText('never mind')).toBeNull());
    expect(await db.messages.count()).toBe(0);
  });
});

describe('conversation actions', () => {
  it('Report: Cancel leaves nothing behind; a category is required; details are optional', async () => {
    const user = userEvent.setup();
    const { db } = renderInSession(<Conversation peer={BOB} />, await withBob());
    const openReport = async () => {
      await user.click(await screen.findByRole('button', { name: 'Conversation actions' }));
      await user.click(screen.getByRole('menuitem', { name: 'Report' }));
      return screen.getByRole('dialog', { name: 'Report' });
    };
    let dialog = await openReport();
    await user.click(within(dialog).getByRole('radio', { name: 'Spam' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Details (optional)' }), 'x');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(await db.outbox.count()).toBe(1); // only the contact.add

    dialog = await openReport();
    expect((within(dialog).getByRole('radio', { name: 'Spam' }) as HTMLInputElement).checked).toBe(
      false,
    );
    await user.click(within(dialog).getByRole('button', { name: 'Report' }));
    expect(await within(dialog).findByText('Choose what is wrong.')).toBeTruthy();
    await user.click(within(dialog).getByRole('radio', { name: 'Impersonation' }));
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Details (optional)' }),
      'pretends to be my bank',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Report' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Reported')).toBeTruthy();
    const rows = await db.outbox.toArray();
    expect(rows.at(-1)?.mutation).toMatchObject({
      type: 'contact.report',
      email: BOB,
      reason: 'impersonation: pretends to be my bank',
    });
  });

  it('Block asks first, then blocks; Unblock undoes it', async () => {
    const user = userEvent.setup();
    const { db } = renderInSession(<Conversation peer={BOB} />, await withBob());
    await user.click(await screen.findByRole('button', { name: 'Conversation actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Block' }));
    const dialog = screen.getByRole('dialog', { name: 'Block' });
    await user.click(within(dialog).getByRole('button', { name: 'Block' }));
    expect(await screen.findByText('You blocked Bob. Unblock to send messages.')).toBeTruthy();
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Conversation actions' }));
    await user.click(screen.getByRole('menuitem', { name: 'Unblock' }));
    expect(await screen.findByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect((await db.contacts.get(BOB))?.blocked).toBe(false);
  });
});

/** `count` messages, all read but the last `unread` (the list opens at the first unread). */
async function withHistory(count: number, unread = 0): Promise<ChatDb> {
  const db = await withBob();
  const readUpTo = count - 1 - unread;
  await db.contacts.update(BOB, {
    lastReadAt: 1_700_000_000_000 + readUpTo * 60_000,
    // Arrival numbers follow the index here: the read marker sits after message `readUpTo`.
    readArrival: readUpTo + 1,
  });
  await db.messages.bulkPut(
    Array.from({ length: count }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      sender: i % 2 ? BOB : db.self,
      recipient: i % 2 ? db.self : BOB,
      body: `message ${i}`,
      sentAt: 1_700_000_000_000 + i * 60_000,
      serverTime: 1_700_000_000_000 + i * 60_000,
      peer: BOB,
      rank: 1_700_000_000_000 + i * 60_000,
      arrival: i + 1,
      state: 'sent' as const,
    })),
  );
  return db;
}

it('renders a 10,000-message conversation with at most 150 message elements', async () => {
  const db = await withHistory(10_000);
  renderInSession(<Conversation peer={BOB} />, db);
  const log = await screen.findByRole('log');
  await waitFor(() => expect(log.querySelectorAll('[data-message-id]').length).toBeGreaterThan(0));
  const rendered = log.querySelectorAll('[data-message-id]').length;
  expect(rendered).toBeLessThanOrEqual(150);
  // It opens at the newest message (happy-dom does not fire scroll events by itself).
  log.dispatchEvent(new Event('scroll'));
  expect(await within(log).findByText('message 9999')).toBeTruthy();
  expect(log.querySelectorAll('[data-message-id]').length).toBeLessThanOrEqual(150);
}, 15_000);

it('opens on the newest window of a long conversation and loads older rows at the top', async () => {
  const db = await withHistory(1_000);
  renderInSession(<Conversation peer={BOB} />, db);
  const log = await screen.findByRole('log');
  log.dispatchEvent(new Event('scroll'));
  expect(await within(log).findByText('message 999')).toBeTruthy();
  // The log spans the newest 200 messages (50 to 68 px a row here), not all 1,000.
  expect(log.scrollHeight).toBeLessThan(250 * 68);

  const scrollToTop = () => {
    log.scrollTop = 0;
    log.dispatchEvent(new Event('scroll'));
  };
  scrollToTop();
  // The older page is prepended above the row that was at the top, which stays in view:
  // the position moves down by the added rows instead of jumping to the oldest of them.
  expect(await within(log).findByText('message 799', {}, SLOW)).toBeTruthy();
  expect(within(log).getByText('message 800')).toBeTruthy();
  await waitFor(() => expect(log.scrollTop).toBeGreaterThan(150 * 50));
  expect(log.querySelectorAll('[data-message-id]').length).toBeLessThanOrEqual(150);

  scrollToTop();
  expect(await within(log).findByText('message 599', {}, SLOW)).toBeTruthy();
  expect(within(log).queryByText('message 0')).toBeNull();
}, 15_000);

it('sending while scrolled up into older rows keeps them and scrolls to the new message', async () => {
  const user = userEvent.setup();
  const db = await withHistory(1_000);
  renderInSession(<Conversation peer={BOB} />, db);
  const log = await screen.findByRole('log');
  log.dispatchEvent(new Event('scroll'));
  await within(log).findByText('message 999');
  log.scrollTop = 0;
  log.dispatchEvent(new Event('scroll'));
  await within(log).findByText('message 799', {}, SLOW);
  await user.type(screen.getByRole('textbox', { name: 'Message' }), 'newest{Enter}');
  // happy-dom fires no scroll event when the app sets scrollTop (a browser does): fire one
  // each try, so the virtualizer sees wherever the app has scrolled to by then.
  await waitFor(() => {
    log.dispatchEvent(new Event('scroll'));
    expect(within(log).getByText('newest')).toBeTruthy();
  }, SLOW);
  expect(within(log).getByText('Sending…')).toBeTruthy();
  expect(within(log).queryByText('message 799')).toBeNull();
}, 15_000);

it('opens at the first unread message under an "Unread messages" divider', async () => {
  const db = await withHistory(1_000, 300);
  renderInSession(<Conversation peer={BOB} />, db);
  const log = await screen.findByRole('log');
  log.dispatchEvent(new Event('scroll'));
  // The window is the newest 200: all unread, so the divider sits above the first incoming one.
  expect(await within(log).findByText('Unread messages')).toBeTruthy();
  expect(within(log).getByText('message 801')).toBeTruthy();
  expect(within(log).queryByText('message 999')).toBeNull();
}, 15_000);

it('a message arriving while the conversation is open gets no unread divider', async () => {
  const db = await withHistory(10);
  renderInSession(<Conversation peer={BOB} />, db);
  const log = await screen.findByRole('log');
  await within(log).findByText('message 9');
  await db.messages.put({
    id: '00000000-0000-4000-8000-999999999999',
    sender: BOB,
    recipient: db.self,
    body: 'just arrived',
    sentAt: 1_800_000_000_000,
    serverTime: 1_800_000_000_000,
    peer: BOB,
    rank: 1_800_000_000_000,
    state: 'sent',
  });
  expect(await within(log).findByText('just arrived')).toBeTruthy();
  expect(within(log).queryByText('Unread messages')).toBeNull();
});
