import { type Contact, compositeNamespace, type Message } from '../protocol/index.ts';
import type { StoredContact, StoredMessage, SyncStore } from '../store/sync-store.ts';
import type { Cursor } from './cursor.ts';

export interface PullOptions {
  store: SyncStore;
  now: () => number;
  overlapMs: number;
  /** Most messages in one response. */
  pageSize: number;
  /** Rough cap on the summed message bodies of one response (bytes of UTF-16 text). */
  pageBytes: number;
}

export interface PullResult {
  contacts: Contact[];
  messages: Message[];
  cursor: Cursor;
  more: boolean;
}

const toContact = (c: StoredContact): Contact => ({
  email: c.email,
  name: c.name,
  blocked: c.blocked,
  request: c.request,
  reported: c.reported,
  updatedAt: c.updatedAt,
  lastMessageAt: c.lastMessageAt,
});

const toMessage = (m: StoredMessage): Message => ({
  id: m.id,
  sender: m.sender,
  recipient: m.recipient,
  body: m.body,
  sentAt: m.sentAt,
  serverTime: m.serverTime as number,
});

/**
 * Everything that changed for `me` since the cursor. One index query finds the contact rows
 * that changed; only conversations whose lastMessageAt moved past the horizon are read, each
 * through the (compositeNamespace, serverTime) index. An idle pull is exactly one request.
 */
export async function pull(opts: PullOptions, me: string, cursor: Cursor): Promise<PullResult> {
  const firstPage = cursor.e === undefined;
  const nextHorizon = cursor.n ?? opts.now() - opts.overlapMs;
  const changed = await opts.store.queryContactsChangedSince(me, cursor.h);
  const conversations = changed
    .filter((c) => c.lastMessageAt !== null && c.lastMessageAt > cursor.h)
    .map((c) => c.email)
    .sort()
    .filter((email) => cursor.e === undefined || email >= cursor.e);

  const messages: Message[] = [];
  let bytes = 0;
  for (const email of conversations) {
    let start = email === cursor.e ? cursor.k : undefined;
    for (;;) {
      const room = opts.pageSize - messages.length;
      const page = await opts.store.queryConversation(
        compositeNamespace(me, email),
        cursor.h,
        start,
        room,
      );
      for (const m of page.items) {
        bytes += m.body.length * 2 + 200;
        // A message the recipient had blocked the sender for is kept for the sender only.
        if (!(m.hidden && m.recipient === me)) messages.push(toMessage(m));
      }
      start = page.last;
      const full = messages.length >= opts.pageSize || bytes >= opts.pageBytes;
      if (full && (start || email !== conversations.at(-1))) {
        const last = page.items.at(-1);
        const resume = start ?? (last && { serverTime: last.serverTime as number, id: last.id });
        return {
          contacts: firstPage ? changed.map(toContact) : [],
          messages,
          cursor: { v: 1, h: cursor.h, n: nextHorizon, e: email, ...(resume && { k: resume }) },
          more: true,
        };
      }
      if (!start) break;
    }
  }
  return {
    contacts: firstPage ? changed.map(toContact) : [],
    messages,
    cursor: { v: 1, h: nextHorizon },
    more: false,
  };
}
