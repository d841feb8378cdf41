import {
  type Contact,
  compositeNamespace,
  type Message,
  type MessageEvent,
  SETTINGS_ROW,
  type Settings,
} from '../protocol/index.ts';
import type {
  MessagePosition,
  StoredContact,
  StoredMessage,
  SyncStore,
} from '../store/sync-store.ts';
import type { PlantedBug } from './apply-mutation.ts';
import { chatFields } from './chats.ts';
import type { Cursor } from './cursor.ts';
import { draftFields } from './drafts.ts';
import { type Accounts, receiptFields, withJoinState } from './receipts.ts';
import { payloadBytes } from './response-size.ts';
import { settingsOf } from './settings.ts';
import { blockedAt } from './versions.ts';

export interface PullOptions {
  store: SyncStore;
  now: () => number;
  overlapMs: number;
  /** Most messages in one response. */
  pageSize: number;
  plantedBugs?: ReadonlySet<PlantedBug>;
  /** Who has an account: rows say `peerJoined: false` for peers without one (receipts.ts). */
  accounts?: Accounts | undefined;
}

export interface PullResult {
  contacts: Contact[];
  messages: Message[];
  /** v2 only: edits and deletes (message-events.ts), in the conversation's order. */
  events: MessageEvent[];
  settings?: Settings | undefined;
  cursor: Cursor;
  more: boolean;
}

/**
 * What the owner sees of a row. While the peer is blocked, lastMessageAt stays at the block:
 * the blocked peer's sends still bump the row (see send-message.ts) but must not move it.
 */
function toContact(c: StoredContact): Contact {
  let lastMessageAt = c.lastMessageAt;
  if (lastMessageAt !== null && blockedAt(c.blockLog, lastMessageAt)) {
    const start = c.blockLog.filter((t) => t.at <= (lastMessageAt as number)).at(-1);
    lastMessageAt = start ? start.at : lastMessageAt;
  }
  return {
    email: c.email,
    name: c.name,
    blocked: c.blocked,
    request: c.request,
    reported: c.reported,
    updatedAt: c.updatedAt,
    lastMessageAt,
    ...receiptFields(c),
    ...draftFields(c),
    ...chatFields(c),
  };
}

const toMessage = (m: StoredMessage): Message => ({
  id: m.id,
  sender: m.sender,
  recipient: m.recipient,
  body: m.body,
  sentAt: m.sentAt,
  serverTime: m.serverTime as number,
  ...(m.replyTo !== undefined && { replyTo: m.replyTo }),
  ...(m.editVersion !== undefined && { editVersion: m.editVersion, editedAt: m.editedAt }),
  ...(m.deleted && { deleted: true }),
});

/**
 * What `me` pulls of a stored item under protocol `version`: a message, an event, or nothing.
 * v1 clients get no events and no deleted messages (they could only show them as empty);
 * a hide (delete for me) is its sender's alone. An edit erased by a later delete says so.
 */
function pulledItem(
  m: StoredMessage,
  me: string,
  version: number,
): { message: Message } | { event: MessageEvent } | null {
  if (m.kind === undefined) {
    return version < 2 && m.deleted ? null : { message: toMessage(m) };
  }
  if (version < 2 || (m.kind === 'hide' && m.sender !== me)) return null;
  const kind = m.kind === 'edit' && m.deleted ? 'delete' : m.kind;
  return {
    event: {
      id: m.id,
      kind,
      target: m.target as string,
      sender: m.sender,
      serverTime: m.serverTime as number,
      ...(kind === 'edit' && { body: m.body }),
    },
  };
}

/** A page stops where the next item would not fit `budget` (Lambda payload bytes). */
class Budget {
  constructor(
    private left: number,
    private readonly estimate = false,
  ) {}
  take(value: unknown): boolean {
    // The planted bug `estimated-size` is the old estimate: UTF-16 body length, contacts free.
    const body = (value as { body?: unknown }).body;
    const cost = this.estimate
      ? typeof body === 'string'
        ? body.length * 2 + 200
        : 0
      : payloadBytes(value) + 1;
    if (cost > this.left) return false;
    this.left -= cost;
    return true;
  }
}

/**
 * Everything that changed for `me` since the cursor, in at most `budgetBytes` of contacts
 * and messages (counted as Lambda will send them). One index query finds the contact rows
 * that changed; only conversations whose lastMessageAt moved past the horizon are read, each
 * through the (compositeNamespace, serverTime) index. An idle pull is exactly one request.
 */
export async function pull(
  opts: PullOptions,
  me: string,
  cursor: Cursor,
  budgetBytes: number,
  /** The request's protocol version: what the client can take (see pulledItem). */
  version = 1,
): Promise<PullResult> {
  const nextHorizon = cursor.n ?? opts.now() - opts.overlapMs;
  const budget = new Budget(budgetBytes, opts.plantedBugs?.has('estimated-size'));
  const rows = await opts.store.queryContactsChangedSince(me, cursor.h);
  // The owner's settings row (core/settings.ts) goes out as `settings`, not as a contact.
  const settings = rows.map(settingsOf).find((s) => s !== undefined);
  const changed = rows
    .filter((row) => row.email !== SETTINGS_ROW)
    .sort((a, b) => (a.email < b.email ? -1 : a.email > b.email ? 1 : 0));
  const page = (extra: Partial<Cursor>): PullResult['cursor'] => ({
    v: 1,
    h: cursor.h,
    n: nextHorizon,
    ...extra,
  });
  const contacts: Contact[] = [];
  if (cursor.e === undefined) {
    for (const row of changed) {
      if (cursor.c !== undefined && row.email <= cursor.c) continue;
      const contact = await withJoinState(toContact(row), row, opts.accounts);
      if (contacts.length > 0 && !budget.take(contact)) {
        return {
          contacts,
          messages: [],
          events: [],
          settings,
          cursor: page({ c: contacts.at(-1)?.email }),
          more: true,
        };
      }
      if (contacts.length === 0) budget.take(contact);
      contacts.push(contact);
    }
  }
  const conversations = changed
    .filter(
      (c) =>
        (c.lastMessageAt !== null && c.lastMessageAt > cursor.h) || (c.lastEventAt ?? 0) > cursor.h,
    )
    .map((c) => c.email)
    .filter((email) => cursor.e === undefined || email >= cursor.e);
  const messages: Message[] = [];
  const events: MessageEvent[] = [];
  for (const email of conversations) {
    let start = email === cursor.e ? cursor.k : undefined;
    // Read strongly once per conversation with incoming messages: the index may still show
    // the row from before a block or unblock that the messages must be judged by.
    let blockLog: StoredContact['blockLog'] | undefined;
    for (;;) {
      const room = opts.pageSize - messages.length - events.length;
      if (room <= 0) {
        return {
          contacts,
          messages,
          events,
          settings,
          cursor: page({ e: email, ...(start && { k: start }) }),
          more: true,
        };
      }
      const found = await opts.store.queryConversation(
        compositeNamespace(me, email),
        cursor.h,
        start,
        room,
      );
      for (const m of found.items) {
        const position: MessagePosition = { serverTime: m.serverTime as number, id: m.id };
        if (
          m.recipient === me &&
          blockLog === undefined &&
          !opts.plantedBugs?.has('stale-block-flag')
        ) {
          blockLog = (await opts.store.getContact(me, email))?.blockLog ?? [];
        }
        const hidden =
          m.recipient === me && (m.hidden || blockedAt(blockLog ?? [], position.serverTime));
        const item = hidden ? null : pulledItem(m, me, version);
        if (!item) {
          start = position;
          continue;
        }
        // A page always makes progress: its first item goes in even past the budget (with
        // the real limit, one message or contact always fits). Events count like messages.
        const empty = messages.length + events.length === 0 && contacts.length === 0;
        const taken = messages.length + events.length;
        const value = 'message' in item ? item.message : item.event;
        if (taken >= opts.pageSize || (!budget.take(value) && !empty)) {
          return {
            contacts,
            messages,
            events,
            settings,
            cursor: page({ e: email, ...(start && { k: start }) }),
            more: true,
          };
        }
        if ('message' in item) messages.push(item.message);
        else events.push(item.event);
        start = position;
      }
      if (!found.last) break;
      start = found.last;
    }
  }
  return { contacts, messages, events, settings, cursor: { v: 1, h: nextHorizon }, more: false };
}
