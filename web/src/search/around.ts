import { Dexie } from 'dexie';
import { type ChatDb, type ConversationCursor, cursorOf, type LocalMessage } from '../db/index.ts';

/**
 * Windows on a conversation that need not reach its newest message: what a search result
 * opens (any of 100,000 messages, with a page on each side), read through the
 * [peer+rank+id] index so the cost is the window's size, not the conversation's.
 */

export interface BoundedWindow {
  /** Display order. */
  messages: LocalMessage[];
  /** The window's first message; more exist before it when `hasOlder`. */
  from: ConversationCursor;
  /** Its last message, or null when the window runs to the newest (and follows arrivals). */
  to: ConversationCursor | null;
  hasOlder: boolean;
}

type IndexKey = [string, number, string];

/**
 * The message `id` of `peer`'s conversation with up to `side` messages before and after it;
 * null when there is no such message there.
 */
export async function listMessagesAround(
  db: ChatDb,
  peer: string,
  id: string,
  side: number,
): Promise<BoundedWindow | null> {
  const target = await db.messages.get(id);
  if (!target || target.peer !== peer) return null;
  const at = [peer, target.rank, target.id];
  const index = db.messages.where('[peer+rank+id]');
  const [before, after] = await Promise.all([
    index
      .between([peer], at, true, false)
      .reverse()
      .limit(side + 1)
      .toArray(),
    index
      .between(at, [peer, Dexie.maxKey], false, false)
      .limit(side + 1)
      .toArray(),
  ]);
  const hasOlder = before.length > side;
  const hasNewer = after.length > side;
  if (hasOlder) before.pop();
  if (hasNewer) after.pop();
  const messages = [...before.reverse(), target, ...after];
  const first = messages[0] ?? target;
  const last = messages.at(-1) ?? target;
  return { messages, from: cursorOf(first), to: hasNewer ? cursorOf(last) : null, hasOlder };
}

/** The messages from `from` to `to` (both included; `to` null: up to the newest), in order. */
export function listMessagesBetween(
  db: ChatDb,
  peer: string,
  from: ConversationCursor,
  to: ConversationCursor | null,
): Promise<LocalMessage[]> {
  const upper = to ? [peer, to[0], to[1]] : [peer, Dexie.maxKey];
  return db.messages
    .where('[peer+rank+id]')
    .between([peer, from[0], from[1]], upper, true, to !== null)
    .toArray();
}

/**
 * Where a window `count` messages newer than `after` ends: null when that reaches the newest
 * message (the window can then follow arrivals).
 */
export async function findNewerEnd(
  db: ChatDb,
  peer: string,
  after: ConversationCursor,
  count: number,
): Promise<ConversationCursor | null> {
  const keys = (await db.messages
    .where('[peer+rank+id]')
    .between([peer, after[0], after[1]], [peer, Dexie.maxKey], false, false)
    .limit(count + 1)
    .keys()) as unknown as IndexKey[];
  if (keys.length <= count) return null;
  const end = keys[count - 1];
  return end ? [end[1], end[2]] : null;
}
