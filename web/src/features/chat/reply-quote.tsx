import { useLiveQuery } from 'dexie-react-hooks';
import type { LocalMessage } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';

/** Characters of the original shown in a quote: one line. */
const EXCERPT = 80;

export const excerpt = (body: string) => {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > EXCERPT ? `${line.slice(0, EXCERPT - 1)}…` : line;
};

export interface ReplyQuoteProps {
  /** The original's id (the reply's replyTo). */
  original: string;
  self: string;
  peerName: string;
  onJump: (id: string) => void;
}

/**
 * The quote above a reply: who wrote the original and a line of it, read from this device's
 * copy, so an edit of the original shows here too. A button that opens the conversation at
 * the original, however far back. An original that was deleted says so (and still jumps to
 * its tombstone); one this device does not have (deleted for me, or never received) is
 * "not available" and is not a button.
 */
export function ReplyQuote({ original, self, peerName, onJump }: ReplyQuoteProps) {
  const { db } = useSession();
  const found = useLiveQuery(async () => (await db.messages.get(original)) ?? null, [db, original]);
  if (found === undefined) return <span className="reply-quote reply-quote--loading" />;
  if (found === null) {
    return <p className="reply-quote reply-quote--missing">Original message not available</p>;
  }
  return (
    <button
      type="button"
      className="reply-quote"
      onClick={() => onJump(original)}
      aria-label={`Reply to ${authorOf(found, self, peerName)}: ${
        found.deleted ? 'Original message was deleted' : excerpt(found.body)
      }. Show the original`}
    >
      <span className="reply-quote__author">{authorOf(found, self, peerName)}</span>
      <span className="reply-quote__text" dir="auto">
        {found.deleted ? 'Original message was deleted' : excerpt(found.body)}
      </span>
    </button>
  );
}

const authorOf = (m: LocalMessage, self: string, peerName: string) =>
  m.sender === self ? 'You' : peerName;

export interface ReplyBannerProps {
  message: LocalMessage;
  self: string;
  peerName: string;
  onCancel: () => void;
}

/** Above the composer while replying (or editing): what, and a way out. */
export function ComposerBanner({
  title,
  text,
  onCancel,
  cancelLabel,
}: {
  title: string;
  text: string;
  onCancel: () => void;
  cancelLabel: string;
}) {
  return (
    <div className="composer-banner">
      <p className="composer-banner__text">
        <span className="composer-banner__title">{title}</span> <span dir="auto">{text}</span>
      </p>
      <button
        type="button"
        className="icon-button composer-banner__cancel"
        aria-label={cancelLabel}
        onClick={onCancel}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}

export function ReplyBanner({ message, self, peerName, onCancel }: ReplyBannerProps) {
  return (
    <ComposerBanner
      title={`Replying to ${authorOf(message, self, peerName)}:`}
      text={excerpt(message.body)}
      onCancel={onCancel}
      cancelLabel="Cancel reply"
    />
  );
}
