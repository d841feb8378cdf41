/**
 * Chat settings of the owner's own row (sync-api/src/core/chats.ts): mute a conversation
 * (no push notifications for it; last-writer-wins by UUIDv7 version) and delete a chat for me
 * on all my devices (a "cleared before" watermark, max()). Schemas and types only.
 */
import * as v from 'valibot';
// Resolved at parse time: index.ts imports this file, so its exports are not ready at load.
import { emailSchema } from './index.ts';

const chatIdSchema = v.pipe(v.string('id must be a string'), v.uuid('id must be a UUID'));

export const chatMuteSchema = v.strictObject({
  id: chatIdSchema,
  type: v.literal('chat.mute'),
  email: v.lazy(() => emailSchema),
  muted: v.boolean('muted must be a boolean'),
});

/** Messages of the conversation stamped at or before `before` are gone for me, everywhere. */
export const chatClearSchema = v.strictObject({
  id: chatIdSchema,
  type: v.literal('chat.clear'),
  email: v.lazy(() => emailSchema),
  before: v.pipe(
    v.number('before must be a number'),
    v.integer('before must be an integer'),
    v.minValue(0, 'before must not be negative'),
    v.maxValue(8.64e15, 'before is out of range'),
  ),
});

export type ChatMute = v.InferOutput<typeof chatMuteSchema>;
export type ChatClear = v.InferOutput<typeof chatClearSchema>;
export type ChatMutation = ChatMute | ChatClear;

/** Optional fields of a pulled contact (the owner's row). */
export const chatContactEntries = {
  muted: v.optional(v.boolean()),
  /** Server ms: messages stamped at or before it were deleted by the owner. */
  clearedAt: v.optional(v.number()),
};
