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
  /** The window stops short of the newest message (a search result far back). */
  hasNewer: boolean;
  onNearTop: () => void;
  /** Asks for newer messages: called near the bottom while `hasNewer`. */
  onNearBottom: () => void;
  /** Goes back to the newest messages (the window does not reach them while `hasNewer`). */
  onToNewest: () => void;
  /** A message to bring into view, centred, instead of the divider or the newest. */
  target: { id: string; seq: number } | null;
  /** Called whenever the user reaches or leaves the bottom (the newest message in view). */
  onAtBottomChange: (atBottom: boolean) => void;
}

/**
 * Where the log is scrolled, and keeping it there: opens at the "Unread messages" divider
 * (or at the newest message when nothing is unread), follows new messages while at the
 * bottom (and always after the user's own), and otherwise counts the incoming messages that
 * arrived below, for the "Jump to newest" button. Near the top it asks for older messages.
 * With a target (a search result) it opens with that message centred instead; a window that
 * stops short of the newest asks for newer messages near its bottom, never counts as at the
 * bottom (so nothing is marked read), and Jump to newest reads the newest page first.
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
  // The target whose row has been scrolled to, and whether the end is wanted once the newest
  // page (asked for by Jump to newest) is read.
  const placedTarget = useRef<number | null>(null);
  const endWanted = useRef(false);
  const hadNewer = useRef(options.hasNewer);
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
    if (!el) return;
    const nearBottom = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
    // The bottom of a window short of the newest is not the bottom: nothing new is in view.
    setAtBottom(nearBottom && !latest.current.hasNewer);
  };

  const scrollToEnd = () => {
    if (latest.current.hasNewer) {
      endWanted.current = true;
      latest.current.onToNewest();
      return;
    }
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
    const wasShort = hadNewer.current;
    hadNewer.current = options.hasNewer;
    if (endWanted.current && !options.hasNewer) {
      endWanted.current = false;
      return scrollToEnd();
    }
    if (!positioned.current) {
      const target = options.target;
      // Placed by the effect below once the target's window is read (until then these may
      // be the rows of a previous window).
      if (target && (options.hasNewer || rows.some((row) => row.key === target.id))) return;
      positioned.current = true;
      setSeenUpTo(newestId);
      const divider = rows.findIndex((row) => row.kind === 'unread');
      if (divider === -1) return scrollToEnd();
      virtualizer.scrollToIndex(divider, { align: 'start' });
      requestAnimationFrame(measure);
      return;
    }
    const newest = rows.at(-1);
    const mine = newest?.kind === 'message' && newest.message.sender === self;
    // A page read below (or the window reaching the newest) is no arrival to follow; a message
    // just sent from a window far back (which brings back the newest page) is.
    if (options.hasNewer) return;
    if (wasShort) {
      if (mine && newest.message.state === 'pending') scrollToEnd();
      return;
    }
    if (atBottomRef.current || mine) {
      scrollToEnd();
    }
  }, [newestId]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the target or its row changes
  useLayoutEffect(() => {
    const target = options.target;
    if (!target || placedTarget.current === target.seq) return;
    const index = rows.findIndex((row) => row.key === target.id);
    if (index === -1) return;
    placedTarget.current = target.seq;
    if (!positioned.current) {
      positioned.current = true;
      setSeenUpTo(newestRef.current);
    }
    virtualizer.scrollToIndex(index, { align: 'center' });
    // Rows measure themselves after render: centre again on the measured sizes.
    requestAnimationFrame(() => {
      virtualizer.scrollToIndex(index, { align: 'center' });
      requestAnimationFrame(measure);
    });
  }, [options.target, rows]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one listener for the list's life
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      measure();
      const { hasOlder, hasNewer } = latest.current;
      if (el.scrollTop < NEAR_TOP_PX && hasOlder) latest.current.onNearTop();
      const below = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (below < NEAR_TOP_PX && hasNewer) latest.current.onNearBottom();
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
