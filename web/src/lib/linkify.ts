export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string };

const URL_PATTERN = /https:\/\/[^\s<>"']+/giu;
const TRAILING = /[.,;:!?)\]]+$/u;

/**
 * Splits text into plain parts and https: links. Only https URLs become links (no http:,
 * javascript:, data:); everything is rendered as React text, never as HTML.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const raw = match[0].replace(TRAILING, '');
    const start = match.index;
    let href: string;
    try {
      const url = new URL(raw);
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
