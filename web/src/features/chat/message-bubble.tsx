import type { LocalMessage } from '../../db/index.ts';
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
}

const stateLabels = { pending: 'Sending…', sent: 'Sent', failed: 'Not sent' } as const;

export function MessageBubble({ message, mine, author, onRetry, onDiscard }: MessageBubbleProps) {
  return (
    <div
      className={`bubble-row ${mine ? 'bubble-row--mine' : ''} bubble-row--${message.state}`}
      data-message-id={message.id}
    >
      <div className="bubble">
        <span className="visually-hidden">{`${author}: `}</span>
        <p className="bubble__body">
          <LinkedText text={message.body} />
        </p>
        <p className="bubble__meta">
          <time dateTime={new Date(shownTime(message)).toISOString()}>
            {formatTime(shownTime(message))}
          </time>
          {mine && <span className="bubble__state">{stateLabels[message.state]}</span>}
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
