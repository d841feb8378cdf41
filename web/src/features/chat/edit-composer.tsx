import { limits } from '@chatscape/sync-api/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { editMessage, type LocalMessage } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { sentence } from '../../lib/text.ts';
import { ComposerBanner, excerpt } from './reply-quote.tsx';

export interface EditComposerProps {
  message: LocalMessage;
  onDone: () => void;
}

/**
 * The composer while editing one of my messages: the text in the box, Enter (or Save) saves
 * the edit, Escape (or ×) leaves it unchanged. The edit is written like a send (shown at once,
 * queued in the outbox, sent when online). It replaces the composer, so the draft stays put.
 */
export function EditComposer({ message, onDone }: EditComposerProps) {
  const { db, afterWrite } = useSession();
  const [text, setText] = useState(message.body);
  const [error, setError] = useState<string | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();
  useEffect(() => {
    const el = box.current;
    el?.focus();
    el?.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const save = async () => {
    const result = await editMessage(db, message.id, text);
    if (!result.ok) {
      setError(sentence(result.errors.body ?? 'Cannot edit this message'));
      return;
    }
    afterWrite();
    onDone();
  };
  const tooLong = text.trim().length > limits.maxMessageLength;
  return (
    <form
      className="composer composer--editing"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void save();
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
            void save();
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
