import { useId, useRef, useState } from 'react';
import type { LocalMessage } from '../../db/index.ts';
import { formatDay, formatTime, isSameDay, shownTime } from '../../lib/format-time.ts';
import { useSession } from '../../lib/session.tsx';
import { chatPath, displayName } from '../../lib/text.ts';
import { type ConversationHits, PAGE_SIZE } from '../../search/index.ts';
import { HighlightedText } from './highlighted-text.tsx';
import { useRovingHits } from './use-roving-hits.ts';
import { useSearchResults } from './use-search-results.ts';

export interface MessageResultsProps {
  /** What the user typed in the chat list's search box. */
  query: string;
  /** Opens the conversation of `peer` at message `id`. */
  onChoose: (peer: string, id: string) => void;
  /** ↑ on the first result: back to the search box. */
  onLeaveTop: () => void;
}

function when(message: LocalMessage): string {
  const time = shownTime(message);
  return isSameDay(time, Date.now()) ? formatTime(time) : formatDay(time);
}

function summary(count: number, chats: number, more: boolean): string {
  if (count === 0) return 'No message matches your search.';
  const messages = `${count}${more ? '+' : ''} ${count === 1 ? 'message' : 'messages'}`;
  return `${messages} in ${chats === 1 ? '1 chat' : `${chats} chats`}`;
}

/**
 * Messages matching the chat list's search, from this device's database (so offline too):
 * grouped by conversation, the matched words marked, newest first, a page at a time.
 * Choosing one opens its conversation at that message.
 */
export function MessageResults({ query, onChoose, onLeaveTop }: MessageResultsProps) {
  const { db } = useSession();
  const [paged, setPaged] = useState({ query, limit: PAGE_SIZE });
  const limit = paged.query === query ? paged.limit : PAGE_SIZE;
  const results = useSearchResults(db, query, limit);
  const list = useRef<HTMLDivElement>(null);
  const heading = useId();
  const roving = useRovingHits(list, onLeaveTop);
  if (!results || results.terms.length === 0) return null;
  const count = results.conversations.reduce((n, group) => n + group.messages.length, 0);

  return (
    <section className="search-results" aria-labelledby={heading}>
      <h2 id={heading} className="sidebar__heading">
        Messages
      </h2>
      <p className={count === 0 ? 'sidebar__empty' : 'search-results__count'} role="status">
        {summary(count, results.conversations.length, results.more)}
      </p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the links inside take the keys */}
      <div ref={list} onFocus={roving.onFocus} onKeyDown={roving.onKeyDown}>
        {results.conversations.map((group) => (
          <ResultGroup
            key={group.contact.email}
            group={group}
            terms={results.terms}
            onChoose={onChoose}
          />
        ))}
      </div>
      {results.more && (
        <button
          type="button"
          className="button button--small button--secondary search-results__more"
          onClick={() => setPaged({ query, limit: limit + PAGE_SIZE })}
        >
          Show more results
        </button>
      )}
    </section>
  );
}

interface ResultGroupProps {
  group: ConversationHits;
  terms: readonly string[];
  onChoose: (peer: string, id: string) => void;
}

function ResultGroup({ group, terms, onChoose }: ResultGroupProps) {
  const { self } = useSession();
  const heading = useId();
  const { contact } = group;
  const name = displayName(contact);
  return (
    <div className="search-group">
      <h3 id={heading} className="search-group__name" dir="auto">
        {name}
      </h3>
      <ul className="search-group__hits" aria-labelledby={heading}>
        {group.messages.map((message) => (
          <li key={message.id}>
            <a
              className="search-hit"
              data-hit={message.id}
              href={chatPath(contact.email)}
              onClick={(event) => {
                event.preventDefault();
                onChoose(contact.email, message.id);
              }}
            >
              <span className="search-hit__text" dir="auto">
                {message.sender === self ? 'You: ' : ''}
                <HighlightedText text={message.body} terms={terms} snippet />
              </span>
              <span className="search-hit__time">{when(message)}</span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
