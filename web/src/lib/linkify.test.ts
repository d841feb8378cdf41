import { expect, it } from 'vitest';
import { linkify } from './linkify.ts';

it('links https URLs only, without trailing punctuation', () => {
  expect(linkify('see https://example.com/a?b=1. and http://x.test javascript:alert(1)')).toEqual([
    { kind: 'text', text: 'see ' },
    { kind: 'link', text: 'https://example.com/a?b=1', href: 'https://example.com/a?b=1' },
    { kind: 'text', text: '. and http://x.test javascript:alert(1)' },
  ]);
});

const links = (text: string) =>
  linkify(text).flatMap((part) => (part.kind === 'link' ? [part.href] : []));

it('links bare domains as https', () => {
  expect(links('see www.example.org and example.org/path?q=1, or Example.COM.')).toEqual([
    'https://www.example.org/',
    'https://example.org/path?q=1',
    'https://example.com/',
  ]);
  expect(linkify('go to sub.example.co.uk/a.')).toEqual([
    { kind: 'text', text: 'go to ' },
    { kind: 'link', text: 'sub.example.co.uk/a', href: 'https://sub.example.co.uk/a' },
    { kind: 'text', text: '.' },
  ]);
});

it('leaves emails, other schemes, file names and abbreviations as text', () => {
  expect(
    links(
      'mail bob@example.com, http://example.com, ftp://example.org, javascript:alert(1), notes.md, e.g. this, v1.2.3, example.community',
    ),
  ).toEqual([]);
});
