import { newId } from '../../lib/uuid.ts';
import type { ChatDb } from '../schema.ts';
import type { LocalContact } from '../types.ts';

/**
 * Drafts across the user's devices. The local draft row (db.drafts) is what the composer shows;
 * `version` is the id of the draft.set that carries its text (queued here, or pulled from
 * another device). A row without `version` is dirty: typed here and not yet queued. A pulled
 * draft replaces the row only when it is newer than `version` and the row is not dirty
 * (sync/apply-drafts.ts), so a stale draft never overwrites text being typed; typing then
 * queues a draft.set with a newer id, which wins everywhere (last-writer-wins on the server).
 */

/** Keeps the composer's text as this device's draft (dirty until syncDraft queues it). */
export async function saveDraft(db: ChatDb, peer: string, text: string, now = Date.now()) {
  await db.transaction('rw', [db.drafts, db.contacts], async () => {
    const current = await db.drafts.get(peer);
    if (current && current.text === text) return;
    // A cleared box with nothing synced behind it leaves nothing to keep.
    if (text === '' && current?.version === undefined) {
      const contact = await db.contacts.get(peer);
      if (!contact?.draft) {
        await db.drafts.delete(peer);
        return;
      }
    }
    await db.drafts.put({ peer, text, updatedAt: now });
  });
}

export async function loadDraft(db: ChatDb, peer: string): Promise<string> {
  return (await db.drafts.get(peer))?.text ?? '';
}

/**
 * Queues the dirty draft of `peer` as one draft.set (coalesced: a queued one for the peer is
 * replaced, so typing sends one mutation per pause, not one per key) and marks the row clean
 * with the new id. Nothing when the row is clean or already says what the server has.
 * Returns whether a mutation was queued.
 */
export async function syncDraft(db: ChatDb, peer: string, now = Date.now()): Promise<boolean> {
  return db.transaction('rw', [db.drafts, db.contacts, db.outbox], async () => {
    const [local, contact] = await Promise.all([db.drafts.get(peer), db.contacts.get(peer)]);
    if (!contact || contact.request || local === undefined || local.version !== undefined) {
      return false;
    }
    if (local.text === (contact.draft ?? '')) {
      await db.drafts.put({ ...local, version: contact.draftId ?? '' });
      return false;
    }
    await queueDraft(db, contact, local.text, now);
    return true;
  });
}

/**
 * Sending clears the draft everywhere: a newer draft.set '' when other devices may hold one,
 * and a clean empty row here (its version keeps a stale pulled draft from coming back). Call
 * inside a transaction on drafts, contacts and outbox.
 */
export async function clearDraftOnSend(db: ChatDb, peer: string, now: number): Promise<void> {
  const contact = await db.contacts.get(peer);
  if (!contact?.draft) {
    await db.drafts.delete(peer);
    return;
  }
  await queueDraft(db, contact, '', now);
}

async function queueDraft(db: ChatDb, contact: LocalContact, text: string, now: number) {
  const peer = contact.email;
  const older = await db.outbox
    .where('status')
    .equals('queued')
    .filter((row) => row.type === 'draft.set' && row.peer === peer)
    .primaryKeys();
  await db.outbox.bulkDelete(older);
  const mutation = { id: newId(now), type: 'draft.set' as const, email: peer, text };
  await db.outbox.add({
    id: mutation.id,
    type: mutation.type,
    mutation,
    peer,
    status: 'queued',
    createdAt: now,
  });
  await db.contacts.put({ ...contact, draft: text, draftId: mutation.id });
  await db.drafts.put({ peer, text, updatedAt: now, version: mutation.id });
}
