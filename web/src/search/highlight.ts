import { fold } from './words.ts';

/** A piece of text, and whether it is a word the search matched. */
export interface TextPart {
  text: string;
  match: boolean;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/**
 * Splits `text` into parts, marking each word that starts with one of `terms` (folded words,
 * see queryTerms). The parts are plain strings, to be rendered as text nodes and <mark>
 * elements: nothing here is ever HTML.
 */
export function highlightParts(text: string, terms: readonly string[]): TextPart[] {
  const parts: TextPart[] = [];
  const push = (piece: string, match: boolean) => {
    const previous = parts.at(-1);
    if (previous && previous.match === match && !match) previous.text += piece;
    else parts.push({ text: piece, match });
  };
  for (const { segment, isWordLike } of segmenter.segment(text)) {
    const folded = isWordLike ? fold(segment) : '';
    push(segment, folded !== '' && terms.some((term) => folded.startsWith(term)));
  }
  return parts;
}

/** About this many characters are kept before the first match in a snippet. */
const LEAD = 30;

/**
 * A snippet of a long message around its first match: the text before it is cut to about
 * LEAD characters (at a space, after an ellipsis), so the match is on screen in a one- or
 * two-line result. Parts alternate (matches, and the text between them merged).
 */
export function snippetParts(parts: readonly TextPart[]): TextPart[] {
  const first = parts.findIndex((part) => part.match);
  const before =
    first > 0
      ? parts
          .slice(0, first)
          .map((p) => p.text)
          .join('')
      : '';
  if (before.length <= LEAD) return [...parts];
  const tail = before.slice(-LEAD);
  const space = tail.search(/\s/u);
  const lead = `…${(space === -1 ? tail : tail.slice(space)).trimStart()}`;
  return [{ text: lead, match: false }, ...parts.slice(first)];
}
