import type { MessageEvent } from '@chatscape/sync-api/protocol';
import {
  asDeleted,
  type ChatDb,
  type LocalMessage,
  removeForMe,
  resummarizePeer,
  versionOfEdit,
  withEdit,
} from '../db/index.ts';

/**
 * Applies pulled edits and deletes (protocol v2 `changes.events`), in the order pulled, after
 * the page's messages. Each names its target; a target this device does not have is skipped,
 * never shown as a new message (a hide still remembers it: see below): the pull delivers a
 * conversation in server order, so the
 * target came first unless it is gone here (deleted for me) or hidden (a block), and a copy
 * pulled later carries its final state from the server (text edited, or deleted). An edit or
 * delete not made by the target's sender is ignored (the server refuses those; this is a
 * guard). Runs inside applyResponses' transaction.
 */
export async function applyEvents(db: ChatDb, events: readonly MessageEvent[]): Promise<void> {
  if (events.length === 0) return;
  // Each target as it stands after the events before it: one read for the page, then kept
  // up to date here, so an event after a hide of the same message finds it gone (an edit
  // applied to the copy read before the hide would store the message again).
  const ids = [...new Set(events.map((e) => e.target))];
  const current = new Map<string, LocalMessage | undefined>(
    (await db.messages.bulkGet(ids)).map((m, i) => [ids[i] as string, m]),
  );
  const touched = new Set<string>();
  for (const event of events) {
    const message = current.get(event.target);
    if (!message) {
      // Deleted for me elsewhere before this device had it: a copy pulled later stays gone.
      if (event.kind === 'hide') await db.removed.put({ id: event.target, peer: '' });
      continue;
    }
    if (event.kind === 'hide') {
      // Only ever pulled by the owner (the server filters): mine, on another device.
      await removeForMe(db, message);
      current.set(message.id, undefined);
    } else if (event.sender !== message.sender) {
      continue;
    } else if (event.kind === 'delete') {
      if (message.deleted) continue;
      const deleted = asDeleted(message);
      await db.messages.put(deleted);
      current.set(message.id, deleted);
    } else {
      const edited = withEdit(message, {
        body: event.body ?? '',
        editVersion: versionOfEdit(event.id),
        editedAt: event.serverTime,
      });
      if (!edited) continue;
      await db.messages.put(edited);
      current.set(message.id, edited);
    }
    touched.add(message.peer);
  }
  for (const peer of touched) await resummarizePeer(db, peer);
  // The server has these, so their outbox rows (this device's own changes) are done.
  const done = events.map((e) => e.id);
  await db.outbox.bulkDelete(await db.outbox.where('id').anyOf(done).primaryKeys());
}
