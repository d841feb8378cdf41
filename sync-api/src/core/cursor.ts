import * as v from 'valibot';
import { BadRequestError } from './errors.ts';

/**
 * The pull cursor, opaque to clients (base64url JSON).
 * - `h`: the horizon. Everything with a server time <= h was visible when the cursor was made,
 *   so the next pull reads only rows stamped after it. It is the server's clock at the start of
 *   the previous pull minus the overlap window, which absorbs GSI lag and clock steps between
 *   Lambda instances; clients upsert by id, so re-reading inside the window never duplicates.
 * - `n`, `c`, `e`, `k`: set while a pull is paginated (`more: true`). `n` is the horizon the
 *   cycle will end with. Changed contacts come first, in email order, `c` the last one sent;
 *   then conversations in email order, `e` the one in progress and `k` the last message
 *   returned in it (`e` set means the contacts are done).
 */
const cursorSchema = v.strictObject({
  v: v.literal(1),
  h: v.number(),
  n: v.optional(v.number()),
  c: v.optional(v.string()),
  e: v.optional(v.string()),
  k: v.optional(v.strictObject({ serverTime: v.number(), id: v.string() })),
});

export type Cursor = v.InferOutput<typeof cursorSchema>;

export const initialCursor: Cursor = { v: 1, h: 0 };

// btoa/atob rather than Buffer: the core also runs in the browser (demo mode, tests).
function toBase64Url(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(encoded: string): string {
  const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function encodeCursor(cursor: Cursor): string {
  return toBase64Url(JSON.stringify(cursor));
}

export function decodeCursor(raw: string | null): Cursor {
  if (raw === null) return initialCursor;
  try {
    return v.parse(cursorSchema, JSON.parse(fromBase64Url(raw)));
  } catch {
    throw new BadRequestError('cursor is invalid', [
      { path: 'cursor', message: 'not a cursor returned by this server' },
    ]);
  }
}
