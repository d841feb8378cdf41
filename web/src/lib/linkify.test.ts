import { expect, it } from 'vitest';
import { linkify } from './linkify.ts';

it('links https URLs only, without trailing punctuation', () => {
  expect(linkify('see https://example.com/a?b=1. and http://x.test javascript:alert(1)')).toEqual([
    { kind: 'text', text: 'see ' },
    { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
    { kind: 'text', text: '. and http://x.test javascript:alert(1)' },
  ]);
});
