import { limits } from '@chatscape/sync-api/protocol';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { loadDraft, saveDraft, sendMessage } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { sentence } from '../../lib/text.ts';
import { useTypingNotifier } from '../../realtime/index.ts';

export interface ComposerProps {
  peer: string;
}

/**
 * Multi-line composer: Enter sends, Shift+Enter adds a line (and Enter while an IME is
 * composing does nothing). The unsent text is kept per conversation on this device. Mount
 * it with key={peer}, so a draft never leaks into another conversation.
 */
export function Composer({ peer }: ComposerProps) {
  const { db, afterWrite } = useSession();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const loaded = useRef(false);
  const id = useId();
  const typing = useTypingNotifier(peer); // live delivery: "typing…" on the peer's screen

  useEffect(() => {
    void loadDraft(db, peer).then((draft) => {
      if (!loaded.current) setText((current) => current || draft);
      loaded.current = true;
    });
  }, [db, peer]);

  useEffect(() => {
    if (!loaded.current) return;
    const timer = setTimeout(() => void saveDraft(db, peer, text), 300);
    return () => clearTimeout(timer);
  }, [db, peer, text]);

  const send = async () => {
    if (text.trim() === '') return;
    const result = await sendMessage(db, peer, text);
    if (!result.ok) {
      setError(sentence(result.errors.body ?? 'Cannot send this message'));
      return;
    }
    setText('');
    setError(null);
    afterWrite();
  };

  const left = limits.maxMessageLength - text.trim().length;
  return (
    <form
      className="composer"
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Message
      </label>
      <textarea
        id={id}
        className="composer__input"
        rows={1}
        placeholder="Write a message"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(event) => {
          setText(event.target.value);
          if (event.target.value.trim() !== '') typing();
          if (error) setError(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            void send();
          }
        }}
      />
      <button type="submit" className="button composer__send" disabled={text.trim() === ''}>
        Send
      </button>
      {left < 500 && (
        <p className={`composer__count ${left < 0 ? 'composer__count--over' : ''}`}>
          {left >= 0 ? `${left} characters left` : `${-left} characters too many`}
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
