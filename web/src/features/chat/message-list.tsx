import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { LocalMessage } from '../../db/index.ts';
import { formatDay } from '../../lib/format-time.ts';
import { buildRows } from './build-rows.ts';
import { MessageBubble } from './message-bubble.tsx';

export interface MessageListProps {
  /** A window on the conversation: the newest messages, in display order. */
  messages: LocalMessage[];
  /** Whether older messages exist than the window holds. */
  hasOlder: boolean;
  /** Asks for older messages: called as the user scrolls near the top while `hasOlder`. */
  onNearTop: () => void;
  self: string;
  peerName: string;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
}

const NEAR_BOTTOM_PX = 48;
/** About a dozen rows ahead of the top: older rows usually arrive before the user gets there. */
const NEAR_TOP_PX = 800;

/**
 * The conversation as a virtualized log: only the rows near the viewport are in the DOM
 * (a 10,000-message conversation stays fast). role="log" makes screen readers announce
 * rows added at the end. Opens at the newest message, follows new ones while at the
 * bottom, and offers "New messages" when scrolled up. Near the top it asks for older
 * messages; anchorTo 'end' keeps the row at the top of the viewport in place (by key) when
 * rows are prepended or trimmed, so the view does not jump.
 */
export function MessageList({
  messages,
  hasOlder,
  onNearTop,
  self,
  peerName,
  onRetry,
  onDiscard,
}: MessageListProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useMemo(() => buildRows(messages, hasOlder), [messages, hasOlder]);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'day' ? 40 : 68),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
    anchorTo: 'end',
  });
  const nearTop = useRef({ hasOlder, onNearTop });
  nearTop.current = { hasOlder, onNearTop };
  const atBottom = useRef(true);
  const [unseen, setUnseen] = useState(false);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggleExpanded = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const last = rows.at(-1);

  const scrollToEnd = () => {
    atBottom.current = true;
    setUnseen(false);
    if (rows.length === 0) return;
    virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    // Rows measure themselves after render; settle on the real bottom.
    requestAnimationFrame(() => {
      const el = scrollRef.current;
      if (el && atBottom.current) el.scrollTop = el.scrollHeight;
    });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the newest row changes
  useLayoutEffect(() => {
    if (last?.kind !== 'message') return;
    if (atBottom.current || last.message.sender === self) scrollToEnd();
    else setUnseen(true);
  }, [last?.key]);

  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => {
      atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      if (atBottom.current) setUnseen(false);
      else if (el.scrollTop < NEAR_TOP_PX && nearTop.current.hasOlder) nearTop.current.onNearTop();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  return (
    <div className="message-list">
      <div
        ref={scrollRef}
        className="message-list__scroll"
        role="log"
        aria-label={`Messages with ${peerName}`}
        aria-relevant="additions"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (axe: scrollable-region-focusable)
        tabIndex={0}
      >
        <div className="message-list__inner" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((item) => {
            const row = rows[item.index];
            if (!row) return null;
            return (
              <div
                key={item.key}
                data-index={item.index}
                ref={virtualizer.measureElement}
                className="message-list__row"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {row.kind === 'day' ? (
                  <p className="day-separator">{formatDay(row.time)}</p>
                ) : (
                  <MessageBubble
                    message={row.message}
                    mine={row.message.sender === self}
                    author={row.message.sender === self ? 'You' : peerName}
                    onRetry={onRetry}
                    onDiscard={onDiscard}
                    expanded={expanded.has(row.message.id)}
                    onToggleExpanded={toggleExpanded}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {unseen && (
        <button type="button" className="button button--small new-messages" onClick={scrollToEnd}>
          New messages ↓
        </button>
      )}
    </div>
  );
}
