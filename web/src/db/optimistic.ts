import type { Contact, Mutation } from '@chatscape/sync-api/protocol';
import { keepDraft, keepMarks } from './receipt-marks.ts';
import type { LocalContact } from './types.ts';

/** The contact a mutation is about. */
export function mutationPeer(m: Mutation): string {
  // Web Push subscriptions are about this device, not a contact (web/src/push).
  if (m.type === 'push.subscribe' || m.type === 'push.unsubscribe') return '';
  if (m.type === 'message.edit' || m.type === 'message.delete' || m.type === 'message.hide') {
    return m.peer;
  }
  // Account settings likewise (db/commands/receipts.ts).
  if (m.type === 'settings.set') return '';
  return m.type === 'message.send' ? m.to : m.email;
}

export function newContact(email: string, now: number): LocalContact {
  return {
    email,
    name: '',
    blocked: false,
    request: false,
    reported: false,
    updatedAt: now,
    lastMessageAt: null,
    lastReadAt: 0,
    lastActivity: now,
    readArrival: 0,
    unread: 0,
  };
}

/**
 * A mutation's effect on its contact row, as the server will apply it (see the sync-api
 * core). Used when the user acts, and again to rebase still-queued mutations on top of
 * contact rows pulled from the server, so a pull never flips back what the user just did.
 */
export function applyToContact(
  contact: LocalContact | undefined,
  m: Mutation,
  now: number,
): LocalContact {
  const base = contact ?? newContact(mutationPeer(m), now);
  switch (m.type) {
    case 'contact.add':
      return { ...base, name: m.name, request: false };
    case 'contact.block':
      return { ...base, blocked: true, request: false };
    case 'contact.unblock':
      return { ...base, blocked: false };
    case 'contact.report':
      return { ...base, reported: true };
    case 'message.send':
      return { ...base, request: false, lastActivity: Math.max(base.lastActivity, m.sentAt) };
    case 'draft.set':
      return (base.draftId ?? '') < m.id ? { ...base, draft: m.text, draftId: m.id } : base;
    case 'chat.mute':
      return { ...base, muted: m.muted };
    case 'chat.clear':
      return { ...base, clearedAt: Math.max(base.clearedAt ?? -1, m.before) };
    case 'receipt.read':
      return { ...base, readAt: Math.max(base.readAt ?? -1, m.readAt) };
    default:
      return base;
  }
}

/**
 * A pulled contact merged with what only this device knows (read markers, list order). The
 * caller re-applies acknowledged and queued mutations on top (see apply-response).
 */
export function mergeServerContact(
  server: Contact,
  local: LocalContact | undefined,
  markHistoryRead: boolean,
): LocalContact {
  const activity = server.lastMessageAt ?? server.updatedAt;
  return {
    ...keepDraft(keepMarks(server, local), local),
    lastReadAt: local?.lastReadAt ?? (markHistoryRead ? (server.lastMessageAt ?? 0) : 0),
    lastActivity: Math.max(activity, local?.lastActivity ?? 0),
    readArrival: local?.readArrival ?? 0,
    serverUpdatedAt: Math.max(server.updatedAt, local?.serverUpdatedAt ?? 0),
    // The summary is this device's, of its own messages: a server row never changes it.
    unread: local?.unread ?? 0,
    ...(local?.last && { last: local.last }),
    ...(local?.remoteReadAt !== undefined && { remoteReadAt: local.remoteReadAt }),
    ...(local?.deliveredQueued !== undefined && { deliveredQueued: local.deliveredQueued }),
  };
}
