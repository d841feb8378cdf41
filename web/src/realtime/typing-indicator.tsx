import { usePeerTyping } from './use-live.ts';

/** "typing…" under the peer's name while they type (cleared a few seconds after they stop). */
export function TypingIndicator({ peer }: { peer: string }) {
  const typing = usePeerTyping(peer);
  return (
    <p className="conversation__typing" aria-live="polite">
      {typing ? 'typing…' : ''}
    </p>
  );
}
