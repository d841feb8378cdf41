/**
 * The words a message is found by: the text folded (Unicode compatibility decomposition,
 * combining marks removed, lower case, so "Café", "CAFE" and "café" are one word) and split
 * with `Intl.Segmenter`, which knows where words end in scripts without spaces (Chinese,
 * Japanese, Thai). Stored on each message row under a multi-entry index (`*words`), so
 * search is a prefix range read on that index: persistent, incremental, never rebuilt.
 */

/** Longer "words" (a pasted hash, a URL) are cut: a prefix of this length still finds them. */
export const MAX_WORD_LENGTH = 40;
/** At most this many distinct words per message are indexed (a 4,000-character message has fewer). */
export const MAX_WORDS = 1_000;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Case- and diacritics-insensitive form of `text` (also what queries are folded with). */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();
}

/** The distinct folded words of `text`, in order of first appearance. */
export function wordsOf(text: string): string[] {
  const words = new Set<string>();
  for (const { segment, isWordLike } of segmenter.segment(fold(text))) {
    if (!isWordLike) continue;
    words.add(segment.slice(0, MAX_WORD_LENGTH));
    if (words.size === MAX_WORDS) break;
  }
  return [...words];
}
