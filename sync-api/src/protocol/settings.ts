/**
 * Account settings that every device of the user follows (sync-api/src/core/settings.ts):
 * today "Send read receipts". Last-writer-wins by the mutation's UUIDv7 version. Stored on a
 * row of the owner's contacts under SETTINGS_ROW (never a valid email, so never a contact),
 * and pulled as `changes.settings`, not as a contact. Schemas and types only.
 */
import * as v from 'valibot';

/** The contacts-table key of the owner's settings row: not an email, so no contact collides. */
export const SETTINGS_ROW = '#settings';

export const settingsSetSchema = v.strictObject({
  id: v.pipe(v.string('id must be a string'), v.uuid('id must be a UUID')),
  type: v.literal('settings.set'),
  /** Off: the user's read receipts reach nobody, and nobody's reach the user. */
  readReceipts: v.boolean('readReceipts must be a boolean'),
});
export type SettingsSet = v.InferOutput<typeof settingsSetSchema>;

/** The user's settings as pulled: `id` is the settings.set that wrote them (newest wins). */
export const settingsSchema = v.object({ readReceipts: v.boolean(), id: v.string() });
export type Settings = v.InferOutput<typeof settingsSchema>;

/** Optional part of a sync answer's `changes` (older clients drop it). */
export const settingsChangeEntries = { settings: v.optional(settingsSchema) };
