import { useCallback, useSyncExternalStore } from 'react';

const listeners = new Set<() => void>();
const notify = () => {
  for (const listener of listeners) listener();
};

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** A tiny history router: `/` is the chat list, `/chat/<email>` a conversation. */
export function useRoute() {
  const path = useSyncExternalStore(subscribe, () => window.location.pathname);
  const navigate = useCallback((to: string) => {
    if (to === window.location.pathname) return;
    window.history.pushState(null, '', to);
    notify();
  }, []);
  return { path, navigate, peer: peerFromPath(path) };
}

export function peerFromPath(path: string): string | null {
  const match = /^\/chat\/([^/]+)$/u.exec(path);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]).toLowerCase();
  } catch {
    return null;
  }
}
