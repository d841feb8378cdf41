import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { emailSchema, isCleanText, mutationSchema } from './index.ts';

const id = '0190a3c4-5d6e-7f00-8a1b-2c3d4e5f6a7b';

describe('email addresses', () => {
  it('refuses non-ASCII addresses instead of folding them onto ASCII ones', () => {
    // U+212A KELVIN SIGN lowercases to "k": it must not become kate@example.com.
    const kelvin = v.safeParse(emailSchema, '\u212Aate@example.com');
    expect(kelvin.success).toBe(false);
    expect(kelvin.issues?.[0]?.message).toMatch(/ASCII/);
    for (const alias of [
      'kate@example.\u212Aom',
      'k\u0131te@example.com',
      'kate@exa\u017Fple.com',
    ]) {
      expect(v.safeParse(emailSchema, alias).success).toBe(false);
    }
    expect(v.parse(emailSchema, '  Kate@Example.com ')).toBe('kate@example.com');
  });
});

describe('text fields', () => {
  it('refuses C0/C1 control characters and lone surrogates, allows tab, newline and emoji', () => {
    for (const bad of [
      '\u0001',
      '\u0000',
      '\r',
      '\u001b[2J',
      '\u007f',
      '\u0085',
      '\u009f',
      '\ud800',
      'a\udc00b',
    ]) {
      expect(isCleanText(`x${bad}y`)).toBe(false);
    }
    for (const good of ['a\tb', 'a\nb', '"\\', '😀', 'e\u0301', '中文']) {
      expect(isCleanText(good)).toBe(true);
    }
  });

  it.each([
    ['body', { id, type: 'message.send', to: 'b@example.com', body: 'hi\u0001', sentAt: 1 }],
    ['name', { id, type: 'contact.add', email: 'b@example.com', name: 'Bo\u0007b' }],
    ['reason', { id, type: 'contact.report', email: 'b@example.com', reason: 'spam\u0000' }],
  ])('names the field %s in the error', (field, mutation) => {
    const parsed = v.safeParse(mutationSchema, mutation);
    expect(parsed.success).toBe(false);
    expect(parsed.issues?.[0]?.path?.[0]?.key).toBe(field);
    expect(parsed.issues?.[0]?.message).toMatch(/control characters/);
  });
});
