import type { MessageEvent } from '@chatscape/sync-api/protocol';
import {
  asDeleted,
  type ChatDb,
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
  const targets = await db.messages.bulkGet(events.map((e) => e.target));
  const touched = new Set<string>();
  for (const [i, event] of events.entries()) {
    const message = (await db.messages.get(event.target)) ?? targets[i];
    if (!message) {
      // Deleted for me elsewhere before this device had it: a copy pulled later stays gone.
      if (event.kind === 'hide') await db.removed.put({ id: event.target, peer: '' });
      continue;
    }
    if (event.kind === 'hide') {
      // Only ever pulled by the owner (the server filters): mine, on another device.
      await removeForMe(db, message);
    } else if (event.sender !== message.sender) {
      continue;
    } else if (event.kind === 'delete') {
      if (message.deleted) continue;
      await db.messages.put(asDeleted(message));
    } else {
      const edited = withEdit(message, {
        body: event.body ?? '',
        editVersion: versionOfEdit(event.id),
        editedAt: event.serverTime,
      });
      if (!edited) continue;
      await db.messages.put(edited);
    }
    touched.add(message.peer);
  }
  for (const peer of touched) await resummarizePeer(db, peer);
  // The server has these, so their outbox rows (this device's own changes) are done.
  const ids = events.map((e) => e.id);
  await db.outbox.bulkDelete(await db.outbox.where('id').anyOf(ids).primaryKeys());
}
