import type { StoredMessage } from '../../sync-api/src/store/sync-store.ts';
import type { OutboxRow } from '../src/db/index.ts';
import type { World } from './world.ts';

/** Failed edits and deletes stay in the outbox on purpose (shown with Retry and Discard). */
export const isRefusedChange = (row: OutboxRow) =>
  row.status === 'failed' && row.type !== 'message.send' && row.type.startsWith('message.');

/** Whether `owner` had `peer` blocked at server time `t`, from the store's commit log. */
function blockLog(world: World) {
  const toggles = new Map<string, Array<{ at: number; blocked: boolean }>>();
  for (const e of world.server.events) {
    if (e.kind !== 'block') continue;
    const key = `${e.owner}\n${e.peer}`;
    toggles.set(key, [...(toggles.get(key) ?? []), { at: e.at, blocked: e.blocked }]);
  }
  return (owner: string, peer: string, t: number) => {
    let blocked = false;
    for (const toggle of toggles.get(`${owner}\n${peer}`) ?? []) {
      if (toggle.at <= t) blocked = toggle.blocked;
    }
    return blocked;
  };
}

/**
 * The message-lifecycle invariants (edits, deletes for everyone, deletes for me), after
 * healing:
 * 1. every device shows each message it holds as the server has it now: the latest text, or
 *    the tombstone, never a deleted message's text and never a deleted one undeleted;
 * 2. a deleted message's text, and every text an edit gave it, is gone from every device
 *    (messages and previews) and from the server (the message and its edits);
 * 3. a message I deleted for me is on none of my devices (however often it was pulled again),
 *    and the peer's copy is untouched (1 holds for them);
 * Except: a recipient who had blocked the sender when an edit or delete was made keeps what
 * they had (events follow the block log, as messages do).
 */
export async function checkLifecycle(world: World, all: StoredMessage[]): Promise<string[]> {
  const problems: string[] = [];
  const blocked = blockLog(world);
  const done = all.filter((m) => m.state === 'done');
  const messages = done.filter((m) => m.kind === undefined);
  const events = done.filter((m) => m.kind !== undefined);
  const hidden = new Set(
    events.filter((e) => e.kind === 'hide').map((e) => `${e.sender}\n${e.target}`),
  );
  const sentBody = new Map(world.sent.map((s) => [s.id, s.body]));
  const changedWhileBlocked = (m: StoredMessage, owner: string) =>
    m.recipient === owner &&
    events.some(
      (e) =>
        e.target === m.id && e.kind !== 'hide' && blocked(owner, m.sender, e.serverTime as number),
    );
  for (const m of messages.filter((x) => x.deleted)) {
    if (m.body !== '') problems.push(`server: deleted ${m.id} keeps its text`);
    for (const e of all.filter((x) => x.target === m.id && x.kind === 'edit')) {
      const counted = e.state === 'done' || m.editIds?.includes(e.id);
      if (counted && e.body !== '') problems.push(`server: an edit of deleted ${m.id} keeps text`);
    }
  }
  for (const d of world.devices) {
    const rows = await d.db.messages.toArray();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const previews = (await d.db.contacts.toArray()).map((c) => c.last?.body);
    for (const m of messages) {
      if (m.sender !== d.user && m.recipient !== d.user) continue;
      const local = byId.get(m.id);
      if (hidden.has(`${d.user}\n${m.id}`)) {
        if (local) problems.push(`${d.user}: shows ${m.id}, deleted for me`);
        continue;
      }
      if (!local || changedWhileBlocked(m, d.user)) continue;
      if (m.deleted && !(local.deleted && local.body === '')) {
        problems.push(`${d.user}: ${m.id} deleted for everyone, still shown as "${local.body}"`);
      } else if (!m.deleted && local.deleted) {
        problems.push(`${d.user}: ${m.id} shown deleted, the server has it`);
      } else if (!m.deleted && local.body !== m.body) {
        problems.push(`${d.user}: ${m.id} shows "${local.body}", the server says "${m.body}"`);
      }
      if (!m.deleted) continue;
      const gone = [sentBody.get(m.id), ...(world.editTexts.get(m.id) ?? [])];
      for (const text of gone) {
        if (text === undefined) continue;
        if (rows.some((r) => r.body === text) || previews.includes(text.slice(0, 200))) {
          problems.push(`${d.user}: text of deleted ${m.id} still on the device`);
        }
      }
    }
  }
  return problems;
}
