/**
 * The sync protocol: the one contract between the web client and the sync Lambda.
 * Valibot schemas with inferred types only — no I/O here, so the browser, the service
 * worker and the Lambda can all import it.
 */
import * as v from 'valibot';
import { chatClearSchema, chatContactEntries, chatMuteSchema } from './chats.ts';
import { draftContactEntries, draftSetSchema } from './drafts.ts';
import { pushSubscribeSchema, pushUnsubscribeSchema } from './push.ts';
import { receiptContactEntries, receiptDeliveredSchema, receiptReadSchema } from './receipts.ts';
import { settingsChangeEntries, settingsSetSchema } from './settings.ts';

export * from './chats.ts';
export * from './drafts.ts';
export * from './push.ts';
export * from './receipts.ts';
export * from './settings.ts';

/**
 * 2 since message replies, edits and deletes (changes.events). The server accepts every
 * version in SUPPORTED_PROTOCOL_VERSIONS, so an old cached worker keeps syncing during a
 * rollout, and answers each in its own terms (docs/architecture.md, "Protocol versions").
 */
export const PROTOCOL_VERSION = 2;
export const SUPPORTED_PROTOCOL_VERSIONS = [1, 2] as const;

export const limits = {
  maxMutations: 100,
  maxBodyBytes: 256 * 1024,
  maxNameLength: 100,
  maxReasonLength: 2000,
  maxMessageLength: 4000,
  maxEmailLength: 254,
  maxCursorLength: 4096,
} as const;

/** Separator of the two emails in a conversation's compositeNamespace; never valid in an email. */
export const NAMESPACE_SEPARATOR = ':::';

/**
 * C0 and C1 control characters other than tab and newline, and lone UTF-16 surrogates. They
 * render as nothing, and each escapes to up to 6 bytes of JSON, so they are refused in every
 * text field rather than stored. True when `text` has none of them.
 */
export function isCleanText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 ? c !== 0x09 && c !== 0x0a : c >= 0x7f && c <= 0x9f) return false;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) return false;
  }
  return true;
}

const cleanText = (field: string) =>
  v.check(
    (s: string) => isCleanText(s),
    `${field} must not contain control characters (other than tab and newline) or lone surrogates`,
  );

/**
 * Addresses are ASCII only, checked BEFORE case folding: `toLowerCase` maps some non-ASCII
 * letters onto ASCII ones (U+212A KELVIN SIGN becomes "k"), which would let two different
 * addresses share one namespace. The handler derives identity with this same schema.
 */
export const emailSchema = v.pipe(
  v.string('email must be a string'),
  v.trim(),
  v.regex(/^[\x21-\x7e]*$/, 'email must contain only ASCII letters, digits and symbols'),
  v.toLowerCase(),
  v.nonEmpty('email is required'),
  v.maxLength(limits.maxEmailLength, `email must be at most ${limits.maxEmailLength} characters`),
  v.email('email is not a valid address'),
  v.check(
    (s) => !s.includes(NAMESPACE_SEPARATOR),
    `email must not contain "${NAMESPACE_SEPARATOR}"`,
  ),
);

export const nameSchema = v.pipe(
  v.string('name must be a string'),
  v.trim(),
  v.nonEmpty('name is required'),
  cleanText('name'),
  v.maxLength(limits.maxNameLength, `name must be at most ${limits.maxNameLength} characters`),
);

export const reasonSchema = v.pipe(
  v.string('reason must be a string'),
  v.trim(),
  v.nonEmpty('reason is required'),
  cleanText('reason'),
  v.maxLength(
    limits.maxReasonLength,
    `reason must be at most ${limits.maxReasonLength} characters`,
  ),
);

export const messageBodySchema = v.pipe(
  v.string('body must be a string'),
  v.trim(),
  v.nonEmpty('message is empty'),
  cleanText('body'),
  v.maxLength(
    limits.maxMessageLength,
    `message must be at most ${limits.maxMessageLength} characters`,
  ),
);

export const idSchema = v.pipe(v.string('id must be a string'), v.uuid('id must be a UUID'));

const timestampSchema = v.pipe(
  v.number('must be a number'),
  v.integer('must be an integer'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(8.64e15, 'is out of range'),
);

export const contactAddSchema = v.strictObject({
  id: idSchema,
  type: v.literal('contact.add'),
  email: emailSchema,
  name: nameSchema,
});

export const contactBlockSchema = v.strictObject({
  id: idSchema,
  type: v.literal('contact.block'),
  email: emailSchema,
});

export const contactUnblockSchema = v.strictObject({
  id: idSchema,
  type: v.literal('contact.unblock'),
  email: emailSchema,
});

export const contactReportSchema = v.strictObject({
  id: idSchema,
  type: v.literal('contact.report'),
  email: emailSchema,
  reason: reasonSchema,
});

export const messageSendSchema = v.strictObject({
  id: idSchema,
  type: v.literal('message.send'),
  to: emailSchema,
  body: messageBodySchema,
  sentAt: timestampSchema,
  /** The message this one replies to (same conversation); v2. */
  replyTo: v.optional(idSchema),
});

/**
 * Message lifecycle (v2). Each names the conversation (`peer`, so the batch keeps a peer's
 * mutations in order) and the message it changes (`target`); ids are UUIDv7 (their time
 * orders concurrent edits). The server checks the rest against the stored message.
 */
export const messageEditSchema = v.strictObject({
  id: idSchema,
  type: v.literal('message.edit'),
  peer: emailSchema,
  target: idSchema,
  body: messageBodySchema,
});

/** Delete for everyone: the sender's own message becomes a tombstone on every device. */
export const messageDeleteSchema = v.strictObject({
  id: idSchema,
  type: v.literal('message.delete'),
  peer: emailSchema,
  target: idSchema,
});

/** Delete for me: gone from the owner's devices only; the peer keeps it. */
export const messageHideSchema = v.strictObject({
  id: idSchema,
  type: v.literal('message.hide'),
  peer: emailSchema,
  target: idSchema,
});

export const lifecycleLimits = {
  /** Signal's rules: edits within 24 h of the server stamp, at most 10 per message. */
  editWindowMs: 24 * 3600 * 1000,
  maxEdits: 10,
  /** Delete for everyone within 48 h of the server stamp. */
  deleteWindowMs: 48 * 3600 * 1000,
} as const;

/**
 * The order of two edits of one message: the UUIDv7 time of the edit's id padded to 16
 * digits, then the id, compared as strings (as the server's core/versions.ts orders contact
 * mutations). An id that is not v7 sorts first.
 */
export function editVersionOf(id: string): string {
  const v7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(id);
  const time = v7 ? Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16) : 0;
  return `${String(time).padStart(16, '0')}:${id.toLowerCase()}`;
}

export const lifecycleErrorCodes = {
  /** No such message in this conversation (or it is an event, not a message). */
  notFound: 'message_not_found',
  /** Only the sender may edit or delete a message for everyone. */
  notSender: 'not_sender',
  editWindow: 'edit_window_passed',
  editLimit: 'edit_limit_reached',
  deleteWindow: 'delete_window_passed',
  /** The message was deleted for everyone: it can no longer be edited. */
  deleted: 'message_deleted',
  /** replyTo names a message of another conversation. */
  replyNotFound: 'reply_not_found',
} as const;

export const mutationSchema = v.variant('type', [
  contactAddSchema,
  contactBlockSchema,
  contactUnblockSchema,
  contactReportSchema,
  messageSendSchema,
  messageEditSchema,
  messageDeleteSchema,
  messageHideSchema,
  pushSubscribeSchema,
  pushUnsubscribeSchema,
  receiptReadSchema,
  receiptDeliveredSchema,
  draftSetSchema,
  chatMuteSchema,
  chatClearSchema,
  settingsSetSchema,
]);

export type Mutation = v.InferOutput<typeof mutationSchema>;
export type MutationInput = v.InferInput<typeof mutationSchema>;
export type MutationType = Mutation['type'];

/**
 * The envelope. Each mutation only needs a valid id and a type here: the rest is validated
 * one by one, so a single bad mutation is `rejected` without failing the batch.
 */
export const syncRequestSchema = v.strictObject({
  v: v.picklist(SUPPORTED_PROTOCOL_VERSIONS, `v must be one of ${SUPPORTED_PROTOCOL_VERSIONS}`),
  clientId: idSchema,
  cursor: v.nullable(
    v.pipe(v.string('cursor must be a string or null'), v.maxLength(limits.maxCursorLength)),
  ),
  mutations: v.pipe(
    v.array(
      v.looseObject({ id: idSchema, type: v.string('type must be a string') }),
      'mutations must be an array',
    ),
    v.maxLength(limits.maxMutations, `at most ${limits.maxMutations} mutations per request`),
  ),
  /**
   * The client keeps a `deferred` result queued and retries it after `retryAfter` seconds.
   * Without it (clients before this field), a write past the rate limit is `rejected` with
   * code `rate_limited` when others in the batch were applied, or the request is a 429.
   */
  deferrable: v.optional(v.boolean('deferrable must be a boolean')),
});

export type SyncRequest = v.InferOutput<typeof syncRequestSchema>;

export const contactSchema = v.object({
  email: v.string(),
  name: v.string(),
  blocked: v.boolean(),
  /** A message request: someone unknown wrote first and the owner has not accepted yet. */
  request: v.boolean(),
  reported: v.boolean(),
  /** Server milliseconds. */
  updatedAt: v.number(),
  lastMessageAt: v.nullable(v.number()),
  ...receiptContactEntries,
  ...draftContactEntries,
  ...chatContactEntries,
});
export type Contact = v.InferOutput<typeof contactSchema>;

export const messageSchema = v.object({
  id: v.string(),
  sender: v.string(),
  recipient: v.string(),
  body: v.string(),
  /** The sender's device clock, milliseconds: shown to people, never used for sync. */
  sentAt: v.number(),
  /** Server milliseconds: the sync and display order (then id). */
  serverTime: v.number(),
  /** v2: the message this one replies to. */
  replyTo: v.optional(v.string()),
  /** v2: server ms of the edit that set `body`, and its version (the edit's id). */
  editedAt: v.optional(v.number()),
  editVersion: v.optional(v.string()),
  /** v2: deleted for everyone; `body` is empty. Never sent to v1 clients. */
  deleted: v.optional(v.boolean()),
});
export type Message = v.InferOutput<typeof messageSchema>;

/**
 * v2: a change to an earlier message, pulled in the conversation's order like a message
 * (`serverTime` is the change's own stamp, never the target's). `edit` carries the new body
 * (its version is `id`); `hide` (delete for me) reaches only the owner's devices.
 */
export const messageEventSchema = v.object({
  id: v.string(),
  kind: v.picklist(['edit', 'delete', 'hide']),
  target: v.string(),
  sender: v.string(),
  serverTime: v.number(),
  body: v.optional(v.string()),
});
export type MessageEvent = v.InferOutput<typeof messageEventSchema>;

export const errorCodes = {
  invalid: 'invalid',
  unknownType: 'unknown_type',
  self: 'self',
  idConflict: 'id_conflict',
  rateLimited: 'rate_limited',
  notAContact: 'not_a_contact',
  contactLimit: 'contact_limit',
  /** push.*: this server has no Web Push configured, or the endpoint is not a push service. */
  pushUnavailable: 'push_unavailable',
} as const;
export type ErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

export const mutationResultSchema = v.object({
  id: v.string(),
  /**
   * `applied` / `duplicate`: done, drop it from the outbox. `rejected`: never retried as is.
   * `deferred` (only to requests with `deferrable: true`): not applied because of the rate
   * limit; keep it queued, in order, and send it again after `retryAfter` seconds.
   */
  status: v.picklist(['applied', 'duplicate', 'rejected', 'deferred']),
  error: v.optional(v.object({ code: v.string(), message: v.string() })),
  /** Seconds, with `deferred`. */
  retryAfter: v.optional(v.number()),
});
export type MutationResult = v.InferOutput<typeof mutationResultSchema>;

export const syncResponseSchema = v.object({
  results: v.array(mutationResultSchema),
  changes: v.object({
    contacts: v.array(contactSchema),
    messages: v.array(messageSchema),
    /** v2 only (v1 clients never get it): edits and deletes, in the conversation's order. */
    events: v.optional(v.array(messageEventSchema)),
    ...settingsChangeEntries,
  }),
  cursor: v.string(),
  more: v.boolean(),
});
export type SyncResponse = v.InferOutput<typeof syncResponseSchema>;

/** Body of every non-200 answer. `issues` names the failing field paths of a 400. */
export const errorBodySchema = v.object({
  message: v.string(),
  issues: v.optional(v.array(v.object({ path: v.string(), message: v.string() }))),
});
export type ErrorBody = v.InferOutput<typeof errorBodySchema>;

/** Dotted path of a valibot issue, e.g. `mutations.3.id`. */
export function issuePath(issue: v.BaseIssue<unknown>): string {
  return (issue.path ?? []).map((p) => String(p.key)).join('.') || '(root)';
}

/** The conversation key shared by both participants: the two emails sorted and joined. */
export function compositeNamespace(a: string, b: string): string {
  return [a, b].sort().join(NAMESPACE_SEPARATOR);
}
