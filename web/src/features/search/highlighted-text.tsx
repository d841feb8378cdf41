import { highlightParts, snippetParts } from '../../search/index.ts';

export interface HighlightedTextProps {
  text: string;
  /** Folded search words (SearchResults.terms). */
  terms: readonly string[];
  /** Cut a long lead before the first match (a result line). */
  snippet?: boolean;
}

/**
 * Text with the words the search matched in <mark>: React text nodes and elements only, so
 * a message is never parsed as HTML, whatever it contains.
 */
export function HighlightedText({ text, terms, snippet = false }: HighlightedTextProps) {
  const all = highlightParts(text, terms);
  const parts = snippet ? snippetParts(all) : all;
  return (
    <>
      {parts.map((part, i) =>
        part.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts never reorder
          <mark key={i}>{part.text}</mark>
        ) : (
          part.text
        ),
      )}
    </>
  );
}
