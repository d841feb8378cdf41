import type { LocalContact } from '../../db/index.ts';

/**
 * Said in a conversation whose peer has no account yet (the server's `peerJoined: false`):
 * why my messages stay "Sent" and never "Delivered".
 */
export function JoinNotice({ contact }: { contact: LocalContact }) {
  if (contact.peerJoined !== false) return null;
  return (
    <p className="join-notice" role="note">
      {contact.email} has not joined ChatScape yet. Your messages wait for them and stay “Sent”
      until they sign in.
    </p>
  );
}
