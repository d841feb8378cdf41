import type { Contact } from '@chatscape/sync-api/protocol';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, it } from 'vitest';
import { addContact } from '../../db/index.ts';
import { newId } from '../../lib/uuid.ts';
import { applyResponse } from '../../sync/apply-response.ts';
import { freshDb } from '../../test/db.ts';
import { renderInSession } from '../../test/render.tsx';
import { Conversation } from './conversation.tsx';

const BOB = 'bob@example.com';

/** A pull bringing Bob's row with the draft another device of the user typed. */
const pullDraft = (draft: string, updatedAt: number) => {
  const contact: Contact = {
    email: BOB,
    name: 'Bob',
    blocked: false,
    request: false,
    reported: false,
    updatedAt,
    lastMessageAt: null,
    draft,
    draftId: newId(),
  };
  return { results: [], changes: { contacts: [contact], messages: [] }, cursor: 'c', more: false };
};

it('a draft from another device shows in the box, but never over text being typed', async () => {
  const user = userEvent.setup();
  const db = freshDb();
  await addContact(db, { name: 'Bob', email: BOB });
  const { session } = renderInSession(<Conversation peer={BOB} />, db);
  const box = (await screen.findByRole('textbox', { name: 'Message' })) as HTMLTextAreaElement;
  await applyResponse(db, [], pullDraft('from the laptop', 200), Date.now());
  await waitFor(() => expect(box.value).toBe('from the laptop'));
  await user.type(box, ', and more');
  await waitFor(async () =>
    expect((await db.drafts.get(BOB))?.text).toBe('from the laptop, and more'),
  );
  await applyResponse(db, [], pullDraft('older, still in flight elsewhere', 300), Date.now());
  // The box keeps what is typed; once typing pauses it is queued with a newer id.
  await waitFor(
    async () =>
      expect(
        (await db.outbox.filter((r) => r.type === 'draft.set').toArray()).at(-1)?.mutation,
      ).toMatchObject({ text: 'from the laptop, and more' }),
    // The draft is queued once typing pauses (DRAFT_SYNC_MS).
    { timeout: 4000 },
  );
  expect(box.value).toBe('from the laptop, and more');
  expect(session.afterWrite).toHaveBeenCalled();
});
