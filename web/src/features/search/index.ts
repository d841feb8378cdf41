export { HighlightedText } from './highlighted-text.tsx';
export { MessageResults } from './message-results.tsx';
