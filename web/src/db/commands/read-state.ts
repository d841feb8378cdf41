import { Dexie } from 'dexie';
import type { ChatDb } from '../schema.ts';

/**
 * Marks a conversation read as shown: `serverTime` is the newest incoming stamp on screen.
 * Every message that has arrived and is stamped at or before it was on screen with it, late
 * arrivals stamped earlier included, so the read marker (readArrival) moves past them, in
 * arrival order, up to the first incoming message stamped later (arrived after the screen was
 * drawn: still unread). Never moves backwards. The contact's unread counter is recounted from
 * the same read.
 */
export async function markRead(db: ChatDb, peer: string, serverTime: number): Promise<void> {
  await db.transaction('rw', [db.contacts, db.messages], async () => {
    const contact = await db.contacts.get(peer);
    if (!contact) return;
    const from = contact.readArrival ?? 0;
    const arrived = await db.messages
      .where('[peer+arrival]')
      .between([peer, from], [peer, Dexie.maxKey], false)
      .toArray();
    let readArrival = from;
    let read = 0;
    for (const m of arrived) {
      const seen = m.sender === db.self || (m.serverTime !== null && m.serverTime <= serverTime);
      if (!seen) break;
      readArrival = m.arrival ?? readArrival;
      read += 1;
    }
    // `arrived` is everything after the old marker: what is left of it is the unread count.
    const unread = arrived.slice(read).filter((m) => m.sender !== db.self).length;
    const lastReadAt = Math.max(contact.lastReadAt, serverTime);
    const same = readArrival === from && lastReadAt === contact.lastReadAt;
    if (same && unread === (contact.unread ?? 0)) return;
    await db.contacts.update(peer, { readArrival, lastReadAt, unread });
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
