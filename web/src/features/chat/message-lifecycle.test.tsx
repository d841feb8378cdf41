import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { addContact, type ChatDb, type LocalMessage, listConversation } from '../../db/index.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { Conversation } from './conversation.tsx';

const BOB = 'bob@example.com';
const SLOW = { timeout: 4000 };
const idOf = (i: number) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`;

/** `count` messages, alternating mine and Bob's, the newest stamped `newest` ms ago. */
async function withHistory(count: number, extra: Partial<LocalMessage>[] = []): Promise<ChatDb> {
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  const t0 = Date.now() - count * 60_000;
  await db.messages.bulkPut([
    ...Array.from({ length: count }, (_, i) => ({
      id: idOf(i),
      sender: i % 2 ? BOB : db.self,
      recipient: i % 2 ? db.self : BOB,
      body: `message ${i}`,
      sentAt: t0 + i * 60_000,
      serverTime: t0 + i * 60_000,
      peer: BOB,
      rank: t0 + i * 60_000,
      arrival: i + 1,
      state: 'sent' as const,
    })),
    ...extra.map((m, i) => ({
      id: idOf(count + i),
      sender: BOB,
      recipient: db.self,
      body: `extra ${i}`,
      sentAt: t0 + (count + i) * 60_000,
      serverTime: t0 + (count + i) * 60_000,
      peer: BOB,
      rank: t0 + (count + i) * 60_000,
      arrival: count + i + 1,
      state: 'sent' as const,
      ...m,
    })),
  ]);
  await db.contacts.update(BOB, { readArrival: count + extra.length });
  return db;
}

const rowOf = (log: HTMLElement, text: string) =>
  within(log).getByText(text).closest('.bubble-row') as HTMLElement;

async function openLog() {
  const log = await screen.findByRole('log');
  log.dispatchEvent(new Event('scroll'));
  return log;
}

/** A conversation of two messages with Edit chosen on the first (mine): the edit box open. */
async function editFirst() {
  const user = userEvent.setup();
  const { db } = renderInSession(<Conversation peer={BOB} />, await withHistory(2));
  const log = await openLog();
  await within(log).findByText('message 0', {}, SLOW);
  await user.click(within(rowOf(log, 'message 0')).getByRole('button', { name: /Actions/ }));
  await user.click(screen.getByRole('menuitem', { name: 'Edit' }));
  const box = screen.getByRole('textbox', { name: 'Edit message' }) as HTMLTextAreaElement;
  return { user, db, log, box };
}

const menuItems = () => screen.getAllByRole('menuitem').map((item) => item.textContent);

describe('message actions menu', () => {
  it('offers reply, copy, edit and both deletes on my message; reply, copy and delete for me on theirs', async () => {
    const user = userEvent.setup();
    renderInSession(<Conversation peer={BOB} />, await withHistory(2));
    const log = await openLog();
    await within(log).findByText('message 1', {}, SLOW);
    await user.click(
      within(rowOf(log, 'message 0')).getByRole('button', { name: 'Actions for your message' }),
    );
    expect(menuItems()).toEqual(['Reply', 'Copy', 'Edit', 'Delete for me', 'Delete for everyone']);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('menu')).toBeNull();
    const theirs = within(rowOf(log, 'message 1')).getByRole('button', {
      name: "Actions for Bob's message",
    });
    // Keyboard: focus the button, ArrowDown opens with the first item focused.
    theirs.focus();
    await user.keyboard('{ArrowDown}');
    expect(menuItems()).toEqual(['Reply', 'Copy', 'Delete for me']);
    expect(document.activeElement?.textContent).toBe('Reply');
  });

  it('opens from the context menu', async () => {
    renderInSession(<Conversation peer={BOB} />, await withHistory(2));
    const log = await openLog();
    await within(log).findByText('message 1', {}, SLOW);
    rowOf(log, 'message 1').dispatchEvent(
      new MouseEvent('contextmenu', { bubbles: true, cancelable: true }),
    );
    await waitFor(() => expect(menuItems()).toEqual(['Reply', 'Copy', 'Delete for me']));
  });

  it('opens on a long press on touch, not on a short one', async () => {
    renderInSession(<Conversation peer={BOB} />, await withHistory(2));
    const log = await openLog();
    await within(log).findByText('message 1', {}, SLOW);
    const row = rowOf(log, 'message 1');
    vi.useFakeTimers();
    try {
      const press = (type: string) =>
        act(() => {
          row.dispatchEvent(new PointerEvent(type, { bubbles: true, pointerType: 'touch' }));
        });
      press('pointerdown');
      act(() => vi.advanceTimersByTime(200));
      press('pointerup');
      act(() => vi.advanceTimersByTime(1000));
      expect(screen.queryByRole('menu')).toBeNull();
      press('pointerdown');
      act(() => vi.advanceTimersByTime(500));
      expect(menuItems()).toEqual(['Reply', 'Copy', 'Delete for me']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('Edit puts the text in the box; Enter saves it, shown as edited', async () => {
    const { user, db, log, box } = await editFirst();
    expect(box.value).toBe('message 0');
    await user.clear(box);
    await user.type(box, 'message zero{Enter}');
    expect(await within(log).findByText('message zero')).toBeTruthy();
    expect(within(rowOf(log, 'message zero')).getByText('edited')).toBeTruthy();
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
    expect((await db.outbox.toArray()).map((r) => r.type)).toContain('message.edit');
  });

  it('what is typed right after Enter goes to the composer, and the edit is saved once', async () => {
    // The edit's write takes a while; a fast typist's next message must not land in the edit
    // box (and be lost when it closes), and a second Enter must not save a second edit.
    const { user, db, log, box } = await editFirst();
    await user.clear(box);
    await user.type(box, 'message zero{Enter}{Enter}next one');
    expect(await within(log).findByText('message zero')).toBeTruthy();
    const composer = screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement;
    expect(composer.value).toBe('next one');
    expect((await db.outbox.toArray()).filter((r) => r.type === 'message.edit')).toHaveLength(1);
  });

  it('an edit whose write fails comes back in the box with its text and the reason', async () => {
    // The box was opened, then my other device deleted the message for everyone and this one
    // pulled it: the box's checks pass on what it opened with, the write refuses.
    const { user, db, log, box } = await editFirst();
    await db.messages.update(idOf(0), { body: '', deleted: true });
    await within(log).findByText('This message was deleted', {}, SLOW);
    await user.clear(box);
    await user.type(box, 'message zero{Enter}');
    const again = (await screen.findByRole('textbox', {
      name: 'Edit message',
    })) as HTMLTextAreaElement;
    expect(again.value).toBe('message zero');
    expect(screen.getByRole('alert').textContent).toBe('This message can no longer be edited.');
    expect((await db.outbox.toArray()).filter((r) => r.type === 'message.edit')).toEqual([]);
    await user.click(screen.getByRole('button', { name: 'Cancel editing' }));
    expect(screen.getByRole('textbox', { name: 'Message' })).toBeTruthy();
  });

  it('Delete for everyone asks first, then leaves a tombstone', async () => {
    const user = userEvent.setup();
    const { db } = renderInSession(<Conversation peer={BOB} />, await withHistory(2));
    const log = await openLog();
    await within(log).findByText('message 0', {}, SLOW);
    await user.click(within(rowOf(log, 'message 0')).getByRole('button', { name: /Actions/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Delete for everyone' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete for everyone?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete for everyone' }));
    expect(await within(log).findByText('This message was deleted')).toBeTruthy();
    expect(within(log).queryByText('message 0')).toBeNull();
    await waitFor(async () =>
      expect((await listConversation(db, BOB)).map((m) => m.deleted ?? false)).toEqual([
        true,
        false,
      ]),
    );
  });
});

describe('replies', () => {
  it('Reply shows what is quoted above the box and sends the reply with it', async () => {
    const user = userEvent.setup();
    const { db } = renderInSession(<Conversation peer={BOB} />, await withHistory(2));
    const log = await openLog();
    await within(log).findByText('message 1', {}, SLOW);
    await user.click(within(rowOf(log, 'message 1')).getByRole('button', { name: /Actions/ }));
    await user.click(screen.getByRole('menuitem', { name: 'Reply' }));
    expect(screen.getByText('Replying to Bob:')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'my answer{Enter}');
    await waitFor(async () =>
      expect((await listConversation(db, BOB)).at(-1)).toMatchObject({
        body: 'my answer',
        replyTo: idOf(1),
      }),
    );
    expect(screen.queryByText('Replying to Bob:')).toBeNull();
    const quote = await within(log).findByRole('button', { name: /Reply to Bob: message 1/ });
    expect(within(quote).getByText('message 1')).toBeTruthy();
    expect((await db.outbox.toArray()).at(-1)?.mutation).toMatchObject({ replyTo: idOf(1) });
  });

  it('the quote jumps to an original far back, and says when it was deleted or is not here', async () => {
    const user = userEvent.setup();
    const db = await withHistory(600, [
      { replyTo: idOf(2) },
      { replyTo: 'gone-id' },
      { replyTo: idOf(601) },
    ]);
    await db.messages.update(idOf(601), { body: '', deleted: true, words: [] });
    renderInSession(<Conversation peer={BOB} />, db);
    const log = await openLog();
    await within(log).findByText('extra 0', {}, SLOW);
    expect(within(log).queryByText('message 2')).toBeNull();
    expect(await within(log).findByText('Original message not available')).toBeTruthy();
    expect(
      await within(log).findByRole('button', { name: /Original message was deleted/ }),
    ).toBeTruthy();
    await user.click(await within(log).findByRole('button', { name: /Reply to You: message 2/ }));
    await waitFor(() => {
      screen.getByRole('log').dispatchEvent(new Event('scroll'));
      const found = screen.getByRole('log').querySelectorAll('.bubble-row--found');
      expect(Array.from(found, (el) => el.textContent)).toEqual([
        expect.stringContaining('message 2'),
      ]);
    }, SLOW);
  }, 20_000);
});
