/**
 * Receipts (sync-api/src/core/receipts.ts): the read and delivered watermarks of one
 * conversation, and the contact-row fields that carry them to the owner's devices and to the
 * peer. Watermarks are server milliseconds (a message's serverTime) merged with max(), so a
 * replayed, late or duplicated receipt never moves one backwards. Schemas and types only.
 */
import * as v from 'valibot';
// Resolved at parse time: index.ts imports this file, so its schemas are not ready at load.
import { emailSchema } from './index.ts';

const watermarkSchema = (field: string) =>
  v.pipe(
    v.number(`${field} must be a number`),
    v.integer(`${field} must be an integer`),
    v.minValue(0, `${field} must not be negative`),
    v.maxValue(8.64e15, `${field} is out of range`),
  );

const receiptIdSchema = v.pipe(v.string('id must be a string'), v.uuid('id must be a UUID'));
const peerSchema = v.lazy(() => emailSchema);

/**
 * I have read the conversation with `email` up to `readAt` (the serverTime of the newest
 * incoming message I saw). Always moves my own row's `readAt` (my other devices); moves the
 * peer's `peerReadAt` only when `share` is not false (the "Send read receipts" setting), neither
 * side blocks the other and neither row is a pending message request.
 */
export const receiptReadSchema = v.strictObject({
  id: receiptIdSchema,
  type: v.literal('receipt.read'),
  email: peerSchema,
  readAt: watermarkSchema('readAt'),
  share: v.optional(v.boolean('share must be a boolean')),
});

/** One of my devices stored the peer's messages up to `deliveredAt` (same conditions). */
export const receiptDeliveredSchema = v.strictObject({
  id: receiptIdSchema,
  type: v.literal('receipt.delivered'),
  email: peerSchema,
  deliveredAt: watermarkSchema('deliveredAt'),
});

export type ReceiptRead = v.InferOutput<typeof receiptReadSchema>;
export type ReceiptDelivered = v.InferOutput<typeof receiptDeliveredSchema>;
export type ReceiptMutation = ReceiptRead | ReceiptDelivered;

/**
 * Optional fields of a pulled contact (older clients ignore them). On the owner's row: `readAt`,
 * the owner's read watermark (any of their devices). `peerReadAt` / `peerDeliveredAt`: how far
 * the peer has read / received the owner's messages.
 */
export const receiptContactEntries = {
  readAt: v.optional(v.number()),
  peerReadAt: v.optional(v.number()),
  peerDeliveredAt: v.optional(v.number()),
  /**
   * `false` when nobody has signed in with the peer's address yet (my messages to them stay
   * "sent"); absent otherwise, and on servers that do not know accounts.
   */
  peerJoined: v.optional(v.boolean()),
};
