/**
 * Web Push (sync-api/src/push): the two mutations that record a device's push subscription,
 * and the content-free payload the notifier sends. Schemas and inferred types only.
 */
import * as v from 'valibot';

export const pushLimits = {
  /** Push services' endpoints are a few hundred characters; DynamoDB keys are not involved. */
  maxEndpointLength: 1024,
  /** An uncompressed P-256 point (65 bytes) in base64url without padding. */
  p256dhLength: 87,
  /** A 16-byte authentication secret in base64url without padding. */
  authLength: 22,
} as const;

const base64url = (field: string, length: number, bytes: number) =>
  v.pipe(
    v.string(`${field} must be a string`),
    v.regex(/^[A-Za-z0-9_-]*$/, `${field} must be base64url without padding`),
    v.length(length, `${field} must be ${bytes} bytes (${length} base64url characters)`),
  );

/**
 * The endpoint's shape only: an absolute http(s) URL without credentials. Which origins are
 * allowed (https on known push services; the local push service's http://127.0.0.1 only where
 * the local stack configures it) is the server's endpoint policy (push/endpoint-policy.ts).
 */
export const pushEndpointSchema = v.pipe(
  v.string('endpoint must be a string'),
  v.maxLength(
    pushLimits.maxEndpointLength,
    `endpoint must be at most ${pushLimits.maxEndpointLength} characters`,
  ),
  v.regex(/^[\x21-\x7e]+$/, 'endpoint must be an ASCII URL'),
  v.check((s) => {
    try {
      const url = new URL(s);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username;
    } catch {
      return false;
    }
  }, 'endpoint must be an absolute https URL'),
);

export const pushKeysSchema = v.strictObject({
  /** The browser's P-256 public key: the payload is encrypted to it (RFC 8291). */
  p256dh: v.pipe(
    base64url('keys.p256dh', pushLimits.p256dhLength, 65),
    v.check((s) => s.startsWith('B'), 'keys.p256dh must be an uncompressed P-256 point'),
  ),
  auth: base64url('keys.auth', pushLimits.authLength, 16),
});

export const pushSubscribeSchema = v.strictObject({
  id: v.pipe(v.string('id must be a string'), v.uuid('id must be a UUID')),
  type: v.literal('push.subscribe'),
  endpoint: pushEndpointSchema,
  keys: pushKeysSchema,
});

export const pushUnsubscribeSchema = v.strictObject({
  id: v.pipe(v.string('id must be a string'), v.uuid('id must be a UUID')),
  type: v.literal('push.unsubscribe'),
  endpoint: pushEndpointSchema,
});

export type PushSubscribe = v.InferOutput<typeof pushSubscribeSchema>;
export type PushUnsubscribe = v.InferOutput<typeof pushUnsubscribeSchema>;
export type PushMutation = PushSubscribe | PushUnsubscribe;

export const PUSH_PAYLOAD_VERSION = 1;

/**
 * What a push carries, encrypted to the subscription's keys: "pull now", and at most the
 * conversation (compositeNamespace). Never the sender's text; the worker reads that from the
 * local database after its pull.
 */
export const pushPayloadSchema = v.object({
  v: v.literal(PUSH_PAYLOAD_VERSION),
  type: v.literal('poke'),
  conversation: v.optional(v.pipe(v.string(), v.maxLength(520))),
});
export type PushPayload = v.InferOutput<typeof pushPayloadSchema>;
