import { useEffect } from 'react';

/** The narrow layout (one pane at a time), as in layout.css. */
export const NARROW_QUERY = '(max-width: 767.98px)';

/** The keyboard shortcuts, also listed in the About dialog. */
export const shortcuts = [
  { keys: 'Ctrl+K / ⌘K', action: 'Search chats and messages' },
  { keys: '↓ in the search', action: 'Go to the results (↑ ↓ move, Enter opens)' },
  { keys: 'Alt+↓ / Alt+↑', action: 'Next / previous chat' },
  { keys: '↑ ↓ Home End', action: 'Move in the chat list' },
  { keys: 'Enter', action: 'Send (Shift+Enter: new line)' },
  { keys: 'Escape', action: 'Close the chat (narrow screens)' },
] as const;

/** Conversations in the order the sidebar shows them (requests first, then contacts). */
function conversationLinks(): HTMLAnchorElement[] {
  return Array.from(document.querySelectorAll<HTMLAnchorElement>('.shell__sidebar a.contact'));
}

/** Focuses the search once it is on screen (after Back, a frame or a few later). */
function focusSearch(frames = 20) {
  const search = document.querySelector<HTMLInputElement>('.shell__sidebar input[type="search"]');
  if (search && search.offsetParent !== null) search.focus();
  else if (frames > 0) requestAnimationFrame(() => focusSearch(frames - 1));
}

function modalOpen(): boolean {
  return document.querySelector('dialog[open], [role="menu"]') !== null;
}

/**
 * App-wide shortcuts: Ctrl/Cmd+K focuses the search, Alt+↓/↑ opens the next/previous
 * conversation of the list, Escape closes the conversation on a narrow screen. None of them
 * acts while a dialog or menu is open (those own their keys).
 */
export function useShortcuts(peer: string | null, navigate: (to: string) => void) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || modalOpen() || event.isComposing) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        // On a phone the list is hidden behind an open conversation: go back to it first.
        if (peer && window.matchMedia(NARROW_QUERY).matches) navigate('/');
        focusSearch();
      } else if (event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
        const links = conversationLinks();
        if (links.length === 0) return;
        event.preventDefault();
        const current = links.findIndex((link) => link.getAttribute('aria-current') === 'page');
        const step = event.key === 'ArrowDown' ? 1 : -1;
        const next =
          current === -1
            ? step === 1
              ? 0
              : links.length - 1
            : (current + step + links.length) % links.length;
        const href = links[next]?.getAttribute('href');
        if (href) navigate(href);
      } else if (event.key === 'Escape' && peer && window.matchMedia(NARROW_QUERY).matches) {
        event.preventDefault();
        navigate('/');
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [peer, navigate]);
}
