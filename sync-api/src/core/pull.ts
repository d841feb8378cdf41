import {
  type Contact,
  compositeNamespace,
  type Message,
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
});

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
    .filter((c) => c.lastMessageAt !== null && c.lastMessageAt > cursor.h)
    .map((c) => c.email)
    .filter((email) => cursor.e === undefined || email >= cursor.e);
  const messages: Message[] = [];
  for (const email of conversations) {
    let start = email === cursor.e ? cursor.k : undefined;
    // Read strongly once per conversation with incoming messages: the index may still show
    // the row from before a block or unblock that the messages must be judged by.
    let blockLog: StoredContact['blockLog'] | undefined;
    for (;;) {
      const room = opts.pageSize - messages.length;
      if (room <= 0) {
        return {
          contacts,
          messages,
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
        if (hidden) {
          start = position;
          continue;
        }
        const message = toMessage(m);
        // A page always makes progress: its first item goes in even past the budget (with
        // the real limit, one message or contact always fits).
        const empty = messages.length === 0 && contacts.length === 0;
        if (messages.length >= opts.pageSize || (!budget.take(message) && !empty)) {
          return {
            contacts,
            messages,
            settings,
            cursor: page({ e: email, ...(start && { k: start }) }),
            more: true,
          };
        }
        messages.push(message);
        start = position;
      }
      if (!found.last) break;
      start = found.last;
    }
  }
  return { contacts, messages, settings, cursor: { v: 1, h: nextHorizon }, more: false };
}
