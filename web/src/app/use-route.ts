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

/** Marks the history entry of a conversation opened from the list (one step above it). */
interface RouteState {
  fromList?: boolean;
}

const state = (): RouteState => (window.history.state as RouteState | null) ?? {};

/**
 * Moves between the list (`/`) and conversations the way the browser's Back button (and
 * Android's) expects: opening a conversation from the list adds one history entry; switching
 * to another conversation replaces it, so Back always returns to the list, and Back from the
 * list leaves the app. Going to the list from a conversation opened from it is Back itself.
 */
export function go(to: string): void {
  const from = window.location.pathname;
  if (to === from) return;
  const inChat = peerFromPath(from) !== null;
  if (to === '/' && inChat && state().fromList) {
    window.history.back(); // popstate notifies
    return;
  }
  if (peerFromPath(to) !== null && inChat) {
    window.history.replaceState(state(), '', to);
  } else if (to === '/' && inChat) {
    // A conversation opened by a link or reload: the list takes its place.
    window.history.replaceState(null, '', to);
  } else {
    window.history.pushState({ fromList: from === '/' } satisfies RouteState, '', to);
  }
  notify();
}

/** A tiny history router: `/` is the chat list, `/chat/<email>` a conversation. */
export function useRoute() {
  const path = useSyncExternalStore(subscribe, () => window.location.pathname);
  const navigate = useCallback((to: string) => go(to), []);
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
