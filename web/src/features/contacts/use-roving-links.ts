import { type RefObject, useEffect, useLayoutEffect, useRef } from 'react';

const LINKS = 'a.contact';

/**
 * The conversations in the sidebar are one Tab stop (roving tabindex): Tab enters the list on
 * the last focused conversation (else the open one, else the first), ↑/↓ move between them,
 * Home/End jump to the ends, Enter opens; the next Tab leaves the list. The links keep their
 * list and link semantics (every journey and screen reader finds them as before); only their
 * tabindex is managed here, straight on the DOM, after each render.
 */
export function useRovingLinks(container: RefObject<HTMLElement | null>) {
  const focused = useRef<string | null>(null);

  useLayoutEffect(() => {
    const links = Array.from(container.current?.querySelectorAll<HTMLAnchorElement>(LINKS) ?? []);
    const stop =
      links.find((link) => link.getAttribute('href') === focused.current) ??
      links.find((link) => link.getAttribute('aria-current') === 'page') ??
      links[0];
    for (const link of links) link.tabIndex = link === stop ? 0 : -1;
  });

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const onFocusIn = (event: FocusEvent) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>(LINKS);
      if (!link) return;
      focused.current = link.getAttribute('href');
      for (const other of el.querySelectorAll<HTMLAnchorElement>(LINKS)) {
        other.tabIndex = other === link ? 0 : -1;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>(LINKS);
      if (!link || event.altKey || event.ctrlKey || event.metaKey) return;
      const links = Array.from(el.querySelectorAll<HTMLAnchorElement>(LINKS));
      const index = links.indexOf(link);
      const target = {
        ArrowDown: links[Math.min(index + 1, links.length - 1)],
        ArrowUp: links[Math.max(index - 1, 0)],
        Home: links[0],
        End: links.at(-1),
      }[event.key];
      if (!target) return;
      event.preventDefault();
      target.focus();
    };
    el.addEventListener('focusin', onFocusIn);
    el.addEventListener('keydown', onKeyDown);
    return () => {
      el.removeEventListener('focusin', onFocusIn);
      el.removeEventListener('keydown', onKeyDown);
    };
  }, [container]);
}
