import { limits } from '@chatscape/sync-api/protocol';
import {
  type FormEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import { type LocalMessage, loadDraft, saveDraft, sendMessage } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { sentence } from '../../lib/text.ts';
import { useTypingNotifier } from '../../realtime/index.ts';
import { useDraft } from './use-draft.ts';
import { enqueueWrite } from './write-queue.ts';

export interface ComposerProps {
  peer: string;
  /**
   * Called with the message as its send committed it, to draw it before any live query
   * re-runs (and to show the newest, where it is).
   */
  onSent?: ((message: LocalMessage) => void) | undefined;
  /** The message the next send replies to, and what shows it (reply-quote.tsx's banner). */
  replyTo?: string | undefined;
  banner?: ReactNode;
}

/**
 * Multi-line composer: Enter sends, Shift+Enter adds a line (and Enter while an IME is
 * composing does nothing). Submitting takes the text and empties the box in the same event,
 * before anything is written, so whatever is typed next belongs to the next message; the
 * sends are written one after another in submission order (see write-queue.ts). It lives as
 * long as its conversation (Conversation is keyed by peer), so a draft never leaks into
 * another conversation.
 */
export function Composer({ peer, onSent, replyTo, banner }: ComposerProps) {
  const { db, afterWrite } = useSession();
  const [text, setTextState] = useState('');
  const textRef = useRef('');
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const setText = useCallback((next: string) => {
    textRef.current = next;
    setTextState(next);
  }, []);
  const box = useRef<HTMLTextAreaElement>(null);
  // Opening a conversation puts the cursor in the box, as desktop chat apps do; not on touch
  // screens, where it would raise the on-screen keyboard over the messages.
  const mounted = useRef(true);
  const typing = useTypingNotifier(peer); // live delivery: "typing…" on the peer's screen
  useEffect(() => {
    mounted.current = true;
    if (!window.matchMedia('(pointer: coarse)').matches) {
      box.current?.focus({ preventScroll: true });
    }
    return () => {
      mounted.current = false;
    };
  }, []);
  useDraft(
    db,
    peer,
    text,
    textRef,
    (draft) => {
      if (textRef.current === '') setText(draft);
    },
    setText,
    afterWrite,
  );

  const length = text.trim().length;
  const left = limits.maxMessageLength - length;

  const send = () => {
    const body = textRef.current;
    if (body.trim() === '' || body.trim().length > limits.maxMessageLength) return;
    setText('');
    setError(null);
    void enqueueWrite(db, () => sendMessage(db, peer, body, Date.now(), replyTo)).then(
      (result) => {
        if (result.ok) {
          if (mounted.current) onSent?.(result.value.message);
          afterWrite();
        } else failed(body, sentence(result.errors.body ?? 'Cannot send this message'));
      },
      // The transaction failed (storage full, database closing): nothing was written.
      () => failed(body, 'Could not save this message on this device. Try again.'),
    );
  };
  // Nothing is dropped: the refused text comes back into the box, ahead of anything typed since
  // (or into the draft, when the user has already left the conversation).
  const failed = (body: string, message: string) => {
    if (!mounted.current) {
      void enqueueWrite(db, async () => {
        const draft = await loadDraft(db, peer);
        await saveDraft(db, peer, draft.trim() === '' ? body : `${body}\n${draft}`);
      });
      return;
    }
    const current = textRef.current;
    setText(current.trim() === '' ? body : `${body}\n${current}`);
    setError(message);
  };

  const tooLong = left < 0;
  return (
    <form
      className="composer"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        send();
      }}
    >
      {banner}
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      <textarea
        ref={box}
        id={id}
        className="composer__input"
        rows={1}
        dir="auto"
        placeholder="Write a message"
        value={text}
        aria-invalid={error || tooLong ? true : undefined}
        aria-describedby={
          [left < 500 && `${id}-count`, error && `${id}-error`].filter(Boolean).join(' ') ||
          undefined
        }
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() !== '') typing();
          if (error) setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      <button
        type="submit"
        className="button composer__send"
        disabled={length === 0 || tooLong}
        aria-describedby={tooLong ? `${id}-count` : undefined}
      >
        Send
      </button>
      {left < 500 && (
        <p
          id={`${id}-count`}
          className={`composer__count ${tooLong ? 'composer__count--over' : ''}`}
        >
          {tooLong
            ? `${-left} characters too many: a message holds at most ${limits.maxMessageLength}. Shorten it to send.`
            : `${left} characters left`}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="composer__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
