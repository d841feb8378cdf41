import type { HTMLAttributes, ReactNode } from 'react';
import type { LocalMessage, TickState } from '../../db/index.ts';
import { formatTime, shownTime } from '../../lib/format-time.ts';
import { sentence } from '../../lib/text.ts';
import { LinkedText } from '../../ui/linked-text.tsx';

export interface MessageBubbleProps {
  message: LocalMessage;
  mine: boolean;
  /** Who wrote it, for screen readers. */
  author: string;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  /** Whether a long message is shown in full (kept by the list, so scrolling keeps it open). */
  expanded: boolean;
  onToggleExpanded: (id: string) => void;
  /** The message a search result opened: marked until another is chosen or the user leaves. */
  highlighted?: boolean;
  /** The actions menu (message-actions.tsx), inside the bubble. */
  actions?: ReactNode;
  /** A reply's quote of its original (reply-quote.tsx), above the body. */
  quote?: ReactNode;
  /** The row's context menu and long press (useMessageActionGestures). */
  rowProps?: HTMLAttributes<HTMLDivElement>;
  /** Mine only: sending / sent / delivered / read (db/receipt-marks.ts); default its state. */
  tick?: TickState | undefined;
}

/** Longer than this (or more lines than LONG_LINES), a message opens collapsed. */
const LONG_CHARS = 700;
const LONG_LINES = 12;

export function isLong(body: string): boolean {
  return body.length > LONG_CHARS || body.split('\n').length > LONG_LINES;
}

const stateLabels = {
  pending: 'Sending…',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent',
} as const;

export function MessageBubble({
  message,
  mine,
  author,
  onRetry,
  onDiscard,
  expanded,
  onToggleExpanded,
  highlighted = false,
  actions,
  quote,
  rowProps,
  tick,
}: MessageBubbleProps) {
  const long = isLong(message.body);
  const collapsed = long && !expanded;
  const bodyId = `body-${message.id}`;
  return (
    <div
      className={`bubble-row ${mine ? 'bubble-row--mine' : ''} bubble-row--${message.state}${
        highlighted ? ' bubble-row--found' : ''
      }`}
      data-message-id={message.id}
      {...rowProps}
    >
      <div className="bubble">
        {highlighted && <span className="visually-hidden">Search result. </span>}
        <span className="visually-hidden">{`${author}: `}</span>
        {actions}
        {quote}
        <p
          id={bodyId}
          className={`bubble__body ${collapsed ? 'bubble__body--collapsed' : ''}`}
          dir="auto"
        >
          {message.deleted ? (
            <span className="bubble__deleted">This message was deleted</span>
          ) : (
            <LinkedText text={message.body} />
          )}
        </p>
        {!message.deleted && message.editedAt !== undefined && (
          <span className="bubble__edited">edited</span>
        )}
        {long && (
          <button
            type="button"
            className="link-button bubble__more"
            aria-expanded={expanded}
            aria-controls={bodyId}
            onClick={() => onToggleExpanded(message.id)}
          >
            {expanded ? 'Show less' : 'Read more'}
          </button>
        )}
        <p className="bubble__meta">
          <time dateTime={new Date(shownTime(message)).toISOString()}>
            {formatTime(shownTime(message))}
          </time>
          {mine && <Tick state={tick ?? message.state} />}
        </p>
      </div>
      {message.state === 'failed' && (
        <div className="bubble__failure">
          <span className="bubble__error">
            {sentence(message.error?.message ?? 'The server refused this message')}
          </span>
          <button
            type="button"
            className="button button--small"
            onClick={() => onRetry(message.id)}
          >
            Retry
          </button>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => onDiscard(message.id)}
          >
            Discard
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * The meta line's tick: the state's word (for everyone, screen readers and tests included),
 * after a glyph drawn by CSS (app/styles/chat.css: ✓ sent, ✓✓ delivered, bold ✓✓ read).
 */
function Tick({ state }: { state: TickState }) {
  return (
    <span className={`bubble__state bubble__state--${state}`} data-tick={state}>
      <span aria-hidden="true" className="bubble__tick" />
      <span className="bubble__state-label">{stateLabels[state]}</span>
    </span>
  );
}
