import * as v from 'valibot';
import { emailSchema } from '../protocol/index.ts';

// The client's timing and limits come from the same wiring file as the server's.
export { type RealtimeWiring, wiring } from './config.ts';

/**
 * What travels over the live socket. Server → client messages never carry message text: a poke
 * only says "pull now", and the pull (POST /sync) stays the one source of truth.
 */
export const serverMessageSchema = v.variant('type', [
  v.object({ type: v.literal('poke') }),
  v.object({ type: v.literal('typing'), from: emailSchema }),
]);
export type ServerMessage = v.InferOutput<typeof serverMessageSchema>;

/** Client → server, routed by API Gateway on `action` (the contract's realtime.routeSelectionExpression). */
export const typingMessageSchema = v.object({ action: v.literal('typing'), to: emailSchema });
export type TypingMessage = v.InferOutput<typeof typingMessageSchema>;

export const pingMessage = { action: 'ping' } as const;

export const poke: ServerMessage = { type: 'poke' };

/** The connect query's client id: the sync request's clientId, so a device is not poked for its own write. */
export const clientIdSchema = v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/));
