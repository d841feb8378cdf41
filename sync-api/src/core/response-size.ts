/**
 * What a sync answer costs in Lambda's response payload. The handler returns
 * `{ statusCode, headers, body: JSON.stringify(answer) }` and Lambda serializes that object as
 * JSON again, so every value of the answer is escaped twice: a `"` in a message body becomes
 * `\"` in the body and `\\\"` (4 bytes) in the payload. Lambda refuses payloads over
 * 6,291,456 bytes (and API Gateway answers 5xx), so pulls are sized against this count.
 */

/** Lambda's synchronous response payload limit. */
export const LAMBDA_RESPONSE_LIMIT_BYTES = 6_291_456;

/** What the core keeps every answer under: the limit minus a margin for the runtime's framing. */
export const MAX_RESPONSE_BYTES = 6_000_000;

const encoder = new TextEncoder();

export const utf8Length = (text: string): number => encoder.encode(text).length;

/** UTF-8 bytes of `text` once written inside a JSON string (what JSON.stringify does). */
export function jsonStringBytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x5c) bytes += 2;
    else if (c < 0x20) bytes += c === 8 || c === 9 || c === 10 || c === 12 || c === 13 ? 2 : 6;
    else if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 6; // a lone surrogate is written as \uXXXX
    } else if (c >= 0xdc00 && c <= 0xdfff) bytes += 6;
    else bytes += 3;
  }
  return bytes;
}

/** Bytes `value` adds inside the Lambda payload (escaped twice), without separators. */
export function payloadBytes(value: unknown): number {
  return jsonStringBytes(JSON.stringify(value));
}

/** Bytes of the whole Lambda payload for an HTTP result, exactly as the handler builds it. */
export function lambdaPayloadBytes(result: {
  statusCode: number;
  headers: Record<string, string>;
  body: unknown;
}): number {
  return utf8Length(
    JSON.stringify({
      statusCode: result.statusCode,
      headers: result.headers,
      body: JSON.stringify(result.body),
    }),
  );
}
