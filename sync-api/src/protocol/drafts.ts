/**
 * Drafts across devices (sync-api/src/core/drafts.ts): the composer's unsent text of one
 * conversation, on the owner's own contact row, last-writer-wins by the mutation's UUIDv7
 * version. Schemas and types only.
 */
import * as v from 'valibot';
// Resolved at parse time: index.ts imports this file, so its exports are not ready at load.
import { emailSchema, isCleanText, limits } from './index.ts';

/**
 * My draft to `email` is now `text` ('' clears it). Not trimmed: spaces being typed are part
 * of it. The id must be a UUIDv7 (its time orders concurrent edits from several devices).
 */
export const draftSetSchema = v.strictObject({
  id: v.pipe(v.string('id must be a string'), v.uuid('id must be a UUID')),
  type: v.literal('draft.set'),
  email: v.lazy(() => emailSchema),
  text: v.pipe(
    v.string('text must be a string'),
    v.check((s: string) => s.length <= limits.maxMessageLength, 'draft is too long'),
    v.check(
      (s: string) => isCleanText(s),
      'text must not contain control characters (other than tab and newline) or lone surrogates',
    ),
  ),
});
export type DraftSet = v.InferOutput<typeof draftSetSchema>;

/**
 * Optional fields of a pulled contact: the owner's draft and the id of the draft.set that
 * wrote it (UUIDv7 ids compare as strings in the order of their versions).
 */
export const draftContactEntries = {
  draft: v.optional(v.string()),
  draftId: v.optional(v.string()),
};
