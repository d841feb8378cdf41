import {
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
  useCallback,
  useLayoutEffect,
  useRef,
} from 'react';

const HITS = 'a.search-hit';

/**
 * The search results are one Tab stop, like the chat list (roving tabindex): Tab enters them
 * on the last focused result (else the first), ↑/↓ move, Home/End jump to the ends, Enter
 * opens; ↑ on the first result goes back to the search box. Returns the container's handlers.
 */
export function useRovingHits(container: RefObject<HTMLElement | null>, onLeaveTop: () => void) {
  const focused = useRef<string | null>(null);
  const leave = useRef(onLeaveTop);
  leave.current = onLeaveTop;
  const hits = useCallback(
    () => Array.from(container.current?.querySelectorAll<HTMLAnchorElement>(HITS) ?? []),
    [container],
  );

  useLayoutEffect(() => {
    const all = hits();
    const stop = all.find((hit) => hit.dataset.hit === focused.current) ?? all[0];
    for (const hit of all) hit.tabIndex = hit === stop ? 0 : -1;
  });

  const onFocus = useCallback(
    (event: FocusEvent<HTMLElement>) => {
      const hit = (event.target as HTMLElement).closest<HTMLAnchorElement>(HITS);
      if (!hit) return;
      focused.current = hit.dataset.hit ?? null;
      for (const other of hits()) other.tabIndex = other === hit ? 0 : -1;
    },
    [hits],
  );

  const onKeyDown = useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const hit = (event.target as HTMLElement).closest<HTMLAnchorElement>(HITS);
      if (!hit || event.altKey || event.ctrlKey || event.metaKey) return;
      const all = hits();
      const index = all.indexOf(hit);
      if (event.key === 'ArrowUp' && index === 0) {
        event.preventDefault();
        leave.current();
        return;
      }
      const target = {
        ArrowDown: all[Math.min(index + 1, all.length - 1)],
        ArrowUp: all[Math.max(index - 1, 0)],
        Home: all[0],
        End: all.at(-1),
      }[event.key];
      if (!target) return;
      event.preventDefault();
      target.focus();
    },
    [hits],
  );

  return { onFocus, onKeyDown };
}
