/// <reference lib="webworker" />
import { NAMESPACE_SEPARATOR, pushPayloadSchema } from '@chatscape/sync-api/protocol';
import * as v from 'valibot';
import {
  type Account,
  type ChatDb,
  countUnread,
  listRecentMessages,
  totalUnread,
} from '../db/index.ts';
import {
  conversationURL,
  type NotificationContent,
  notificationFor,
} from './notification-content.ts';
import { getShowPreviews } from './settings.ts';

/** What the worker's push handler needs; the service worker passes its real globals. */
export interface PushWorkerDeps {
  accounts(): Promise<Account[]>;
  /** The existing sync path (flushAccounts): push, then pull, for one account. */
  sync(self: string): Promise<unknown>;
  openDb(self: string): Promise<ChatDb | null>;
  /** Window clients: their URL and whether they are showing (visible). */
  windows(): Promise<readonly { url: string; visibilityState: DocumentVisibilityState }[]>;
  show(content: NotificationContent): Promise<void>;
  /** Notifications of this origin on screen, optionally of one tag. */
  displayed(tag?: string): Promise<readonly { tag: string; timestamp?: number; close(): void }[]>;
  setBadge(count: number): Promise<void>;
  /** Drops this browser's push subscription (nobody is signed in any more). */
  unsubscribe(): Promise<void>;
}

export type PushOutcome = 'shown' | 'window' | 'nothing-new' | 'status' | 'signed-out';

/** The participant of `conversation` (compositeNamespace) other than `self`. */
function peerIn(conversation: string | undefined, self: string): string | null {
  const parts = conversation?.split(NAMESPACE_SEPARATOR) ?? [];
  if (parts.length !== 2 || !parts.includes(self)) return null;
  return parts[0] === self ? (parts[1] ?? null) : (parts[0] ?? null);
}

/**
 * Fallback when the pull brought nothing to tell and no window is showing the app: browsers
 * revoke subscriptions whose pushes show nothing, so a quiet notification keeps this one
 * alive. The server sends no push for hidden messages (blocked senders), so this is rare: a
 * message read on another device meanwhile, or a block not yet synced.
 */
const statusNotification: NotificationContent = {
  title: 'ChatScape',
  options: {
    body: 'You are up to date.',
    tag: 'chatscape-status',
    silent: true,
    data: { self: '', peer: '', url: '/' },
  },
};

/**
 * A push: pull through the sync path first, so the message is in IndexedDB, then always
 * either show the conversation's notification, leave it to a window showing that
 * conversation, or show something: never a silent push. Must run inside event.waitUntil.
 */
export async function handlePush(deps: PushWorkerDeps, data: unknown): Promise<PushOutcome> {
  const parsed = v.safeParse(pushPayloadSchema, data);
  const conversation = parsed.success ? parsed.output.conversation : undefined;
  const accounts = await deps.accounts();
  if (accounts.length === 0) {
    await deps.unsubscribe().catch(() => undefined);
    return 'signed-out';
  }
  const account =
    accounts.find((a) => peerIn(conversation, a.self) !== null) ?? (accounts[0] as Account);
  const peer = peerIn(conversation, account.self);
  // Offline or a stale token: show what the device already has rather than nothing.
  await deps.sync(account.self).catch(() => undefined);
  const db = await deps.openDb(account.self);
  if (!db) return 'signed-out';
  try {
    await deps.setBadge(await totalUnread(db)).catch(() => undefined);
    const windows = await deps.windows();
    const visible = windows.filter((w) => w.visibilityState === 'visible');
    if (peer && visible.some((w) => new URL(w.url).pathname === conversationURL(peer))) {
      return 'window';
    }
    const content = peer ? await contentFor(db, account.self, peer) : null;
    if (content) {
      await deps.show(await quietIfNothingNewer(deps, content));
      return 'shown';
    }
    // Nothing new for that conversation: an older notification of it is stale now.
    if (peer) for (const n of await deps.displayed(peer)) n.close();
    if (visible.length > 0 || (await deps.displayed()).length > 0) return 'nothing-new';
    await deps.show(statusNotification);
    return 'status';
  } finally {
    db.close();
  }
}

/**
 * A push that brings nothing newer than the notification on screen (a message deleted for
 * everyone: its push replaces the notification that may show its text) replaces it without
 * alerting again.
 */
async function quietIfNothingNewer(deps: PushWorkerDeps, content: NotificationContent) {
  const shown = (await deps.displayed(content.options.tag)).at(0);
  const at = content.options.timestamp;
  if (shown?.timestamp === undefined || at === undefined || at > shown.timestamp) return content;
  return { ...content, options: { ...content.options, renotify: false, silent: true } };
}

async function contentFor(db: ChatDb, self: string, peer: string) {
  const contact = await db.contacts.get(peer);
  const { messages } = await listRecentMessages(db, peer, 50);
  const incoming = messages.filter((m) => m.sender === peer);
  // Deleted for everyone: neither shown nor counted, so the notification that showed one is
  // replaced by the next live message, or closed when none is left unread.
  const readUpTo = contact?.readArrival ?? 0;
  const deleted = incoming.filter((m) => m.deleted && (m.arrival ?? 0) > readUpTo).length;
  const unread = Math.max(0, (contact ? await countUnread(db, contact) : 0) - deleted);
  const latest = incoming.filter((m) => !m.deleted).at(-1);
  const showPreviews = await getShowPreviews(db);
  return notificationFor({ self, peer, contact, unread, latest, showPreviews });
}
