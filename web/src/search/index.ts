export {
  type BoundedWindow,
  findNewerEnd,
  listMessagesAround,
  listMessagesBetween,
} from './around.ts';
export { highlightParts, snippetParts, type TextPart } from './highlight.ts';
export {
  type ConversationHits,
  contactMatches,
  EXACT_LIMIT,
  PAGE_SIZE,
  queryTerms,
  type SearchOptions,
  type SearchResults,
  search,
} from './query.ts';
export { fold, wordsOf } from './words.ts';
