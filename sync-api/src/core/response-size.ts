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

/** Bytes `value` adds inside the Lambda payload (escaped twice), without separators. */
export function payloadBytes(value: unknown): number {
  return utf8Length(JSON.stringify(JSON.stringify(value))) - 2;
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
