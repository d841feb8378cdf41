import type { LocalContact, LocalMessage } from '../db/index.ts';

export interface NotificationInput {
  self: string;
  peer: string;
  contact: LocalContact | undefined;
  /** Unread incoming messages of the conversation, from the local database after the pull. */
  unread: number;
  /** The newest incoming message of the conversation. */
  latest: LocalMessage | undefined;
  /** The "Show message previews" setting. */
  showPreviews: boolean;
}

export interface NotificationData {
  self: string;
  peer: string;
  /** The conversation's route, opened on click. */
  url: string;
}

export interface NotificationContent {
  title: string;
  options: NotificationOptions & { data: NotificationData; renotify?: boolean; timestamp?: number };
}

const PREVIEW_CHARS = 200;

const preview = (text: string) =>
  text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;

export const conversationURL = (peer: string) => `/chat/${encodeURIComponent(peer)}`;

/**
 * What to show for a conversation, from the local database only (the push carried no text):
 * one notification per peer (tag = the peer's email: a newer one replaces it, "3 new
 * messages"), titled with the name the user saved, or "New message request" for someone not
 * accepted yet; the newest message's text unless previews are off. Plain text: the browser
 * never renders notification text as HTML. Null when there is nothing new to tell (read on
 * another device meanwhile, or the sender is blocked here).
 */
export function notificationFor(input: NotificationInput): NotificationContent | null {
  const { peer, contact, unread, latest, showPreviews } = input;
  if (contact?.blocked || unread === 0 || !latest) return null;
  const request = !contact || contact.request;
  const count = unread === 1 ? 'New message' : `${unread} new messages`;
  let title: string;
  let body: string;
  if (request) {
    title = 'New message request';
    body = showPreviews ? `${peer}: ${preview(latest.body)}` : `From ${peer}`;
  } else {
    title = contact.name || peer;
    body = showPreviews
      ? unread === 1
        ? preview(latest.body)
        : `${count}\n${preview(latest.body)}`
      : count;
  }
  return {
    title,
    options: {
      body,
      tag: peer,
      renotify: true,
      icon: '/icon-192.png',
      ...(latest.serverTime !== null && { timestamp: latest.serverTime }),
      data: { self: input.self, peer, url: conversationURL(peer) },
    },
  };
}
