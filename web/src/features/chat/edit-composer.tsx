import { limits } from '@chatscape/sync-api/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { checkEdit, editMessage, type LocalMessage } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { sentence } from '../../lib/text.ts';
import { ComposerBanner, excerpt } from './reply-quote.tsx';

export interface EditComposerProps {
  message: LocalMessage;
  onDone: () => void;
  /** The write failed after the box had closed: open it again with this text and reason. */
  onFailed: (text: string, error: string) => void;
  /** The text to start from (a failed save coming back), else the message's. */
  initialText?: string;
  initialError?: string | null;
}

/**
 * The composer while editing one of my messages: the text in the box, Enter (or Save) saves
 * the edit, Escape (or ×) leaves it unchanged. The edit is written like a send (shown at once,
 * queued in the outbox, sent when online). It replaces the composer, so the draft stays put.
 * Saving closes the box at once, before the write: what the user types next goes to the
 * composer, never into a box about to close (and a second Enter cannot save twice). Checks
 * that can fail are made first, with the box still open; if the write fails anyway, the box
 * comes back with the text and the reason (onFailed).
 */
export function EditComposer({
  message,
  onDone,
  onFailed,
  initialText,
  initialError = null,
}: EditComposerProps) {
  const { db, afterWrite } = useSession();
  const [text, setText] = useState(initialText ?? message.body);
  const [error, setError] = useState<string | null>(initialError);
  const saved = useRef(false);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  useEffect(() => {
    const el = box.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const save = () => {
    if (saved.current) return;
    const checked = checkEdit(db, message, text);
    if ('error' in checked) {
      setError(sentence(checked.error));
      return;
    }
    saved.current = true;
    onDone();
    void editMessage(db, message.id, text).then((result) => {
      if (result.ok) afterWrite();
      else onFailed(text, sentence(result.errors.body ?? 'Cannot edit this message'));
    });
  };
  const tooLong = text.trim().length > limits.maxMessageLength;
  return (
    <form
      className="composer composer--editing"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        save();
      }}
    >
      <ComposerBanner
        title="Editing:"
        text={excerpt(message.body)}
        onCancel={onDone}
        cancelLabel="Cancel editing"
      />
      <label htmlFor={id} className="visually-hidden">
        Edit message
      </label>
      <textarea
        ref={box}
        id={id}
        className="composer__input"
        rows={1}
        dir="auto"
        value={text}
        aria-invalid={error || tooLong ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (error) setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
          } else if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            save();
          }
        }}
      />
      <button
        type="submit"
        className="button composer__send"
        disabled={text.trim() === '' || tooLong}
      >
        Save
      </button>
      {error && (
        <p id={`${id}-error`} className="composer__error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
