import type { StoredContact, StoredMessage } from '../../sync-api/src/store/sync-store.ts';
import {
  type ChatDb,
  drainWordBacklog,
  getMeta,
  type LocalContact,
  type LocalMessage,
  summaryDrift,
} from '../src/db/index.ts';
import { wordsOf } from '../src/search/words.ts';
import { checkLifecycle, isRefusedChange } from './lifecycle-check.ts';
import type { SimDevice, World } from './world.ts';

/**
 * The history checker, run after healing and draining. Returns every violated invariant (an
 * empty list means the run is correct):
 * 1. every send is either on the server exactly once, or was lost to a storage eviction or a
 *    sign-out while still unacknowledged on that device (and so shown as not sent) — nothing
 *    else may vanish;
 * 2. every message the server holds is on every device of its sender, and on every device of
 *    its recipient unless the recipient had blocked the sender when it was sent, exactly once;
 * 3. no device shows a message a blocked peer sent after the block was applied;
 * 4. all devices of a user hold the same messages in the same order (server time, then id),
 *    and agree with the server on whom they blocked and on every contact's name (so a device
 *    that signed out and in again has its contacts back named, not as nameless requests);
 * 5. no device keeps anything unsent once healed;
 * 6. every block/unblock and rename ends as the newest one the user made says (last writer
 *    wins by the mutation's UUIDv7 time), however late or concurrently older ones arrived;
 * 7. no answer was larger than the response limit, and the client refused control characters;
 * 8. no sync answer arriving after a sign-out recreated the signed-out user's database;
 * 9. every contact's stored summary (last message, unread count) is what its messages say;
 * 10. every message at or below the search index's watermark has its words, and once the
 *    backlog is worked off every message does (none is ever left unindexed);
 * 11. receipt watermarks (readAt, peerReadAt, peerDeliveredAt) never moved back on a device
 *    (checked after every sync and read, world.ts), and at quiescence every device of a user
 *    shows the server's marks for each contact, so all of them agree;
 * 12. every draft ends as the newest draft.set the user made (last writer wins by UUIDv7,
 *    sending's clear included) on the server and on every device of the user;
 * 13. every mute ends as the newest chat.mute the user made, on the server and on every device
 *    of the user; a deleted chat (chat.clear) holds none of the messages stamped at or before
 *    its mark on any device of the user, and every device shows the server's mark.
 */
export async function checkHistory(world: World): Promise<string[]> {
  const problems: string[] = [...world.clientProblems, ...world.server.oversize];
  problems.push(...(await lastWriterWins(world)));
  const everything = await serverItems(world);
  // Messages only: edits and deletes are event items (message-events.ts), checked apart.
  const server = everything.filter((m) => m.state === 'done' && m.kind === undefined);
  problems.push(...(await checkLifecycle(world, everything)));
  problems.push(...(await newestDrafts(world)));
  const hiddenForMe = new Set(
    everything.filter((m) => m.kind === 'hide').map((m) => `${m.sender}\n${m.target}`),
  );
  const byId = new Map(server.map((m) => [m.id, m]));
  const lost = new Set(
    world.devices.flatMap((d) => [...d.lostToEviction, ...d.lostToSignOut].map((s) => s.id)),
  );

  for (const s of world.sent) {
    // By id too: an edit or a delete changed the body.
    const copies = server.filter((m) => m.id === s.id || m.body === s.body);
    if (copies.length > 1) problems.push(`${s.body}: ${copies.length} copies on the server`);
    if (copies.length === 0 && !lost.has(s.id)) problems.push(`${s.body}: silently lost`);
  }

  const blockedAtSend = blockedWhenSent(world);
  const cleared = await clearedMarks(world);
  const views = new Map<SimDevice, LocalMessage[]>();
  for (const d of world.devices) {
    const all = await d.db.messages.toArray();
    views.set(d, all);
    const ids = new Set<string>();
    for (const m of all) {
      if (ids.has(m.id)) problems.push(`${m.id} twice on a device of ${d.user}`);
      ids.add(m.id);
      if (m.state !== 'sent') problems.push(`${d.user}: ${m.body} still ${m.state} after healing`);
      if (!byId.has(m.id)) problems.push(`${d.user}: shows ${m.body}, unknown to the server`);
      if (m.recipient === d.user && blockedAtSend.get(m.id)) {
        problems.push(`${d.user}: shows ${m.body} from a peer blocked before it was sent`);
      }
      if (m.serverTime !== null && m.serverTime <= (cleared.get(`${d.user}\n${m.peer}`) ?? -1)) {
        problems.push(`${d.user}: shows ${m.body} from a chat deleted after it`);
      }
    }
    for (const m of server) {
      const mine = m.sender === d.user || (m.recipient === d.user && !blockedAtSend.get(m.id));
      const peer = m.sender === d.user ? m.recipient : m.sender;
      const gone =
        hiddenForMe.has(`${d.user}\n${m.id}`) || // deleted for me
        (m.serverTime ?? -1) <= (cleared.get(`${d.user}\n${peer}`) ?? -1); // chat deleted
      if (mine && !gone && !ids.has(m.id)) problems.push(`${d.user}: misses ${m.body}`);
    }
    const left = (await d.db.outbox.toArray()).filter((row) => !isRefusedChange(row));
    if (left.length > 0) problems.push(`${d.user}: outbox not empty after healing`);
    for (const drift of await summaryDrift(d.db)) problems.push(`${d.user}: summary of ${drift}`);
    problems.push(...(await unindexed(d.db, true)).map((b) => `${d.user}: ${b} not indexed`));
    await drainWordBacklog(d.db);
    problems.push(...(await unindexed(d.db, false)).map((b) => `${d.user}: ${b} left unindexed`));
    for (const c of await d.db.contacts.toArray()) {
      const row = await world.server.store.getContact(d.user, c.email);
      if (row && row.name !== c.name) {
        problems.push(`${d.user}: shows ${c.email} as "${c.name}", the server says "${row.name}"`);
      }
      if (row) problems.push(...(await marksAndDraft(d, c, row)));
    }
  }

  for (let i = 0; i + 1 < world.devices.length; i++) {
    const a = world.devices[i] as SimDevice;
    const b = world.devices[i + 1] as SimDevice;
    if (a.user !== b.user) continue;
    const order = (d: SimDevice) =>
      (views.get(d) ?? [])
        .slice()
        .sort((x, y) => x.rank - y.rank || (x.id < y.id ? -1 : 1))
        .map((m) => m.id) // ids: a blocked peer's edit may leave devices with other texts
        .join(',');
    if (order(a) !== order(b)) problems.push(`${a.user}: devices disagree on messages or order`);
    const blocked = async (d: SimDevice) =>
      (await d.db.contacts.toArray())
        .filter((c) => c.blocked)
        .map((c) => c.email)
        .sort()
        .join(',');
    if ((await blocked(a)) !== (await blocked(b)))
      problems.push(`${a.user}: devices disagree on blocks`);
  }
  return problems;
}

/** A device's marks and draft of one contact against the server's row, at quiescence. */
async function marksAndDraft(d: SimDevice, c: LocalContact, row: StoredContact): Promise<string[]> {
  const problems: string[] = [];
  for (const field of ['readAt', 'peerReadAt', 'peerDeliveredAt', 'clearedAt'] as const) {
    if ((c[field] ?? null) !== (row[field] ?? null)) {
      problems.push(`${d.user}: ${c.email} ${field} ${c[field]}, the server says ${row[field]}`);
    }
  }
  if ((c.muted ?? false) !== (row.muted ?? false)) {
    problems.push(`${d.user}: ${c.email} muted ${c.muted}, the server says ${row.muted}`);
  }
  const local = (await d.db.drafts.get(c.email))?.text ?? '';
  if (local !== (row.draft ?? '')) {
    problems.push(`${d.user}: draft to ${c.email} is "${local}", the server says "${row.draft}"`);
  }
  return problems;
}

/** The server keeps the newest draft.set of each conversation, however they arrived. */
async function newestDrafts(world: World): Promise<string[]> {
  const problems: string[] = [];
  const best = new Map<string, { owner: string; peer: string; id: string; text: string }>();
  for (const r of world.server.acceptedDrafts) {
    const key = `${r.owner}\n${r.peer}`;
    const current = best.get(key);
    if (!current || newer(r.id, current.id) > 0) best.set(key, r);
  }
  // Judged by the draft.set the row's version names, as lastWriterWins judges blocks: at
  // least as new as every acknowledged one (a newer one may have been applied unanswered).
  for (const n of best.values()) {
    const row = await world.server.store.getContact(n.owner, n.peer);
    const version = row?.draftVersion;
    const id = version?.slice(version.indexOf(':') + 1);
    const applied = id === undefined ? undefined : world.server.sent.get(id);
    if (
      !row ||
      id === undefined ||
      newer(id, n.id.toLowerCase()) < 0 ||
      applied?.draft !== row.draft
    )
      problems.push(
        `${n.owner}: draft to ${n.peer} is "${row?.draft}" by ${id ?? 'nothing'}, not "${n.text}" (${n.id})`,
      );
  }
  return problems;
}

/** Each user's deleted-chat mark per peer, from the server's rows ("owner\npeer" → mark). */
async function clearedMarks(world: World): Promise<Map<string, number>> {
  const marks = new Map<string, number>();
  for (const owner of new Set(world.devices.map((d) => d.user))) {
    for (const peer of new Set(world.devices.map((d) => d.user))) {
      const row = await world.server.store.getContact(owner, peer);
      if (row?.clearedAt !== undefined) marks.set(`${owner}\n${peer}`, row.clearedAt);
    }
  }
  return marks;
}

/** Bodies of messages whose words are not their body's: below the watermark, or all. */
async function unindexed(db: ChatDb, belowMark: boolean): Promise<string[]> {
  const mark = (await getMeta(db, 'wordsIndexedUpTo')) ?? 0;
  const rows = await db.messages.toArray();
  return rows
    .filter((m) => !belowMark || (m.arrival !== undefined && m.arrival <= mark))
    .filter((m) => JSON.stringify(m.words) !== JSON.stringify(wordsOf(m.body)))
    .map((m) => m.body);
}

/** Every item of the messages table, pending ones too. */
async function serverItems(world: World): Promise<StoredMessage[]> {
  const store = world.server.store as { snapshot?: () => { messages: StoredMessage[] } };
  if (store.snapshot) return store.snapshot().messages;
  return (
    world.server.store as unknown as { allMessages(): Promise<StoredMessage[]> }
  ).allMessages();
}

/**
 * From the store's own log of committed blocks and completions: for each message, whether
 * its recipient had blocked its sender at the message's (last) server stamp, i.e. whether the
 * last block/unblock committed with a stamp at or before it was a block. Independent of how
 * the core filters pulls.
 */
function blockedWhenSent(world: World): Map<string, boolean> {
  const toggles = new Map<string, Array<{ at: number; blocked: boolean }>>();
  const stamps = new Map<string, number>();
  for (const e of world.server.events) {
    if (e.kind === 'block') {
      const key = `${e.owner}\n${e.peer}`;
      toggles.set(key, [...(toggles.get(key) ?? []), { at: e.at, blocked: e.blocked }]);
    } else stamps.set(e.id, e.serverTime);
  }
  const result = new Map<string, boolean>();
  for (const s of world.sent) {
    const t = stamps.get(s.id);
    if (t === undefined) continue;
    let blocked = false;
    for (const toggle of toggles.get(`${s.recipient}\n${s.sender}`) ?? []) {
      if (toggle.at <= t) blocked = toggle.blocked;
    }
    result.set(s.id, blocked);
  }
  return result;
}

/** The version order of contact mutations: the UUIDv7's time, then the id. */
const newer = (a: string, b: string) => {
  const time = (id: string) => Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  return time(a) - time(b) || (a < b ? -1 : a > b ? 1 : 0);
};

async function lastWriterWins(world: World): Promise<string[]> {
  const problems: string[] = [];
  const newest = <T extends { owner: string; peer: string; id: string }>(rows: T[]) => {
    const best = new Map<string, T>();
    for (const r of rows) {
      const key = `${r.owner}\n${r.peer}`;
      const current = best.get(key);
      if (!current || newer(r.id, current.id) > 0) best.set(key, r);
    }
    return best;
  };
  // A row's version names the mutation that set the field (core/versions.ts: "time:id"). It
  // must be at least as new as every acknowledged one, and the row must hold what it sent. A
  // newer one may have been applied unanswered (a crash after the write, its device evicted).
  const setBy = (version: string | undefined) => version?.slice(version.indexOf(':') + 1);
  for (const t of newest(world.server.accepted).values()) {
    const row = await world.server.store.getContact(t.owner, t.peer);
    const id = setBy(row?.blockVersion);
    const applied = id === undefined ? undefined : world.server.sent.get(id);
    if (!row || id === undefined || newer(id, t.id.toLowerCase()) < 0) {
      problems.push(
        `${t.owner}: ${t.peer} is ${row?.blocked ? '' : 'un'}blocked by ${id ?? 'nothing'}, older than the acknowledged ${t.id}: newest says otherwise`,
      );
    } else if (applied?.blocked !== row.blocked) {
      problems.push(
        `${t.owner}: ${t.peer} is ${row.blocked ? '' : 'un'}blocked, but ${id} said otherwise`,
      );
    }
  }
  for (const n of newest(world.server.acceptedNames).values()) {
    const row = await world.server.store.getContact(n.owner, n.peer);
    const id = setBy(row?.nameVersion);
    const applied = id === undefined ? undefined : world.server.sent.get(id);
    if (!row || id === undefined || newer(id, n.id.toLowerCase()) < 0 || applied?.name !== row.name)
      problems.push(
        `${n.owner}: ${n.peer} is named "${row?.name}" by ${id ?? 'nothing'}, not "${n.name}" (${n.id})`,
      );
  }
  for (const n of newest(world.server.acceptedMutes).values()) {
    const row = await world.server.store.getContact(n.owner, n.peer);
    const id = setBy(row?.muteVersion);
    const applied = id === undefined ? undefined : world.server.sent.get(id);
    if (
      !row ||
      id === undefined ||
      newer(id, n.id.toLowerCase()) < 0 ||
      applied?.muted !== (row.muted ?? false)
    )
      problems.push(
        `${n.owner}: ${n.peer} is ${row?.muted ? '' : 'un'}muted by ${id ?? 'nothing'}, not as ${n.id} said`,
      );
  }
  return problems;
}
