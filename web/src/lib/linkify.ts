export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string };

/**
 * Top-level domains a bare domain may end in to become a link. A short list on purpose:
 * "notes.md" or "e.g." stay text, while the addresses people actually paste link.
 */
const BARE_TLDS =
  'com|org|net|edu|gov|int|io|dev|app|ai|co|me|info|biz|xyz|online|site|tech|eu|uk|de|fr|nl|be|at|ch|es|it|pt|se|no|dk|fi|pl|cz|ie|us|ca|au|nz|jp|in|br|mx|ru|cn';

/**
 * An https URL, or a bare domain (`www.example.org`, `example.org/path`) not part of an email
 * address or of another scheme's URL (the lookbehind: no `@`, `/`, `.`, `:` or word character
 * right before it).
 */
const URL_PATTERN = new RegExp(
  `https://[^\\s<>"']+|(?<![\\p{L}\\p{N}_@./:-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\\.)+(?:${BARE_TLDS})(?![\\p{L}\\p{N}_-])(?:[/?#][^\\s<>"']*)?`,
  'giu',
);
const TRAILING = /[.,;:!?)\]]+$/u;

/**
 * Splits text into plain parts and links: https URLs and bare domains (linked as https).
 * No other scheme ever becomes a link (no http:, javascript:, data:); everything is rendered
 * as React text, never as HTML.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const start = match.index;
    let href: string;
    try {
      const url = new URL(/^https:\/\//iu.test(raw) ? raw : `https://${raw}`);
      if (url.protocol !== 'https:') continue;
      href = url.href;
    } catch {
      continue;
    }
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: raw, href });
    last = start + raw.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}
