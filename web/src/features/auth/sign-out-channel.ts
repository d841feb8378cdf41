/**
 * Sign-out reaches every tab of the user: the tab that signs out announces it on a
 * BroadcastChannel, and the others also notice the OpenID user leaving localStorage (the
 * `storage` event), for browsers or moments where the channel is not there. The database's
 * own `versionchange` (ChatDb.onDeleted) is the third signal.
 */
const CHANNEL = 'chatscape-session';

interface SignedOutMessage {
  type: 'signed-out';
  self: string;
}

export function announceSignOut(self: string): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.postMessage({ type: 'signed-out', self } satisfies SignedOutMessage);
  channel.close();
}

/** The email of an oidc-client-ts stored user, or null when it is not one. */
function storedEmail(value: string): string | null {
  try {
    const email = (JSON.parse(value) as { profile?: { email?: unknown } }).profile?.email;
    return typeof email === 'string' ? email.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Calls `onSignedOut` when `self` signs out in another tab (or another user signs in there). */
export function watchSignOutElsewhere(self: string, onSignedOut: () => void): () => void {
  const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(CHANNEL);
  const onMessage = (event: MessageEvent<SignedOutMessage>) => {
    if (event.data?.type === 'signed-out' && event.data.self === self) onSignedOut();
  };
  const onStorage = (event: StorageEvent) => {
    if (!event.key?.startsWith('oidc.user:')) return;
    if (event.newValue === null || storedEmail(event.newValue) !== self) onSignedOut();
  };
  channel?.addEventListener('message', onMessage);
  window.addEventListener('storage', onStorage);
  return () => {
    channel?.close();
    window.removeEventListener('storage', onStorage);
  };
}
