import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeResponseSize } from '../../test/response-size.ts';
import { MemorySyncStore } from '../store/memory-store.ts';
import { lambdaPayloadBytes, payloadBytes } from './response-size.ts';

describeResponseSize('the in-memory store', async () => new MemorySyncStore());

describe('payload accounting', () => {
  it('counts the double escaping of the handler and Lambda, for any text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (value, text) => {
        for (const v of [value, text, { text }]) {
          expect(payloadBytes(v)).toBe(Buffer.byteLength(JSON.stringify(JSON.stringify(v))) - 2);
        }
      }),
      { numRuns: 500 },
    );
    expect(payloadBytes('"')).toBe(JSON.stringify(JSON.stringify('"')).length - 2);
    expect(payloadBytes({ body: '"' })).toBe(
      Buffer.byteLength(JSON.stringify(JSON.stringify({ body: '"' }))) - 2,
    );
    const result = { statusCode: 200, headers: { a: 'b' }, body: { x: 'é"' } };
    expect(lambdaPayloadBytes(result)).toBe(
      Buffer.byteLength(JSON.stringify({ ...result, body: JSON.stringify(result.body) })),
    );
  });
});
