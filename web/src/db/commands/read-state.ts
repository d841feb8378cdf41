import type { ChatDb } from '../schema.ts';

/** Marks a conversation read up to `serverTime` (never backwards). */
export async function markRead(db: ChatDb, peer: string, serverTime: number): Promise<void> {
  await db.transaction('rw', db.contacts, async () => {
    const contact = await db.contacts.get(peer);
    if (!contact || contact.lastReadAt >= serverTime) return;
    await db.contacts.update(peer, { lastReadAt: serverTime });
  });
}

/** Keeps the composer's unsent text per conversation, on this device only. */
export async function saveDraft(db: ChatDb, peer: string, text: string, now = Date.now()) {
  if (text.trim() === '') await db.drafts.delete(peer);
  else await db.drafts.put({ peer, text, updatedAt: now });
}

export async function loadDraft(db: ChatDb, peer: string): Promise<string> {
  return (await db.drafts.get(peer))?.text ?? '';
}
