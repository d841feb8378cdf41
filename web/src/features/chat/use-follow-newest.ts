import type { Virtualizer } from '@tanstack/react-virtual';
import { type RefObject, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Row } from './build-rows.ts';

const NEAR_BOTTOM_PX = 48;
/** About a dozen rows ahead of the top: older rows usually arrive before the user gets there. */
const NEAR_TOP_PX = 800;

export interface FollowNewestOptions {
  scrollRef: RefObject<HTMLDivElement | null>;
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  rows: Row[];
  self: string;
  hasOlder: boolean;
  onNearTop: () => void;
  /** Called whenever the user reaches or leaves the bottom (the newest message in view). */
  onAtBottomChange: (atBottom: boolean) => void;
}

/**
 * Where the log is scrolled, and keeping it there: opens at the "Unread messages" divider
 * (or at the newest message when nothing is unread), follows new messages while at the
 * bottom (and always after the user's own), and otherwise counts the incoming messages that
 * arrived below, for the "Jump to newest" button. Near the top it asks for older messages.
 */
export function useFollowNewest(options: FollowNewestOptions) {
  const { scrollRef, virtualizer, rows, self } = options;
  const latest = useRef(options);
  latest.current = options;
  const atBottomRef = useRef<boolean | null>(null);
  const [atBottom, setAtBottomState] = useState(true);
  // The newest message the user has had in view; what came after it is "new".
  const [seenUpTo, setSeenUpTo] = useState<string | null>(null);
  const positioned = useRef(false);
  const last = rows.at(-1);
  const newestId = last?.kind === 'message' ? last.key : null;

  const setAtBottom = (value: boolean) => {
    if (value) setSeenUpTo(newestRef.current);
    if (atBottomRef.current === value) return;
    atBottomRef.current = value;
    setAtBottomState(value);
    latest.current.onAtBottomChange(value);
  };
  const newestRef = useRef(newestId);
  newestRef.current = newestId;

  const measure = () => {
    const el = scrollRef.current;
    if (el) setAtBottom(el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX);
  };

  const scrollToEnd = () => {
    const count = latest.current.rows.length;
    if (count === 0) return;
    setAtBottom(true);
    virtualizer.scrollToIndex(count - 1, { align: 'end' });
    // Rows measure themselves after render; settle on the real bottom.
    requestAnimationFrame(() => {
      const el = scrollRef.current;
      if (el && atBottomRef.current) el.scrollTop = el.scrollHeight;
    });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the newest row changes
  useLayoutEffect(() => {
    if (!newestId) return;
    if (!positioned.current) {
      positioned.current = true;
      setSeenUpTo(newestId);
      const divider = rows.findIndex((row) => row.kind === 'unread');
      if (divider === -1) return scrollToEnd();
      virtualizer.scrollToIndex(divider, { align: 'start' });
      requestAnimationFrame(measure);
      return;
    }
    const newest = rows.at(-1);
    if (atBottomRef.current || (newest?.kind === 'message' && newest.message.sender === self)) {
      scrollToEnd();
    }
  }, [newestId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one listener for the list's life
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      measure();
      if (el.scrollTop < NEAR_TOP_PX && latest.current.hasOlder) latest.current.onNearTop();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return { atBottom, newCount: countAfter(rows, seenUpTo, self), scrollToEnd };
}

/** Incoming messages below the one with id `seen`. */
function countAfter(rows: Row[], seen: string | null, self: string): number {
  if (!seen) return 0;
  let count = 0;
  for (let i = rows.length - 1; i >= 0; i--) {
    const row = rows[i];
    if (row?.kind !== 'message') continue;
    if (row.key === seen) return count;
    if (row.message.sender !== self) count += 1;
  }
  return 0;
}
