import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { LocalMessage, TickState } from '../../db/index.ts';
import { formatDay } from '../../lib/format-time.ts';
import { buildRows, firstUnread } from './build-rows.ts';
import {
  MessageActions,
  type MessageLifecycleHandlers,
  useMessageActionGestures,
} from './message-actions.tsx';
import { MessageBubble } from './message-bubble.tsx';
import { ReplyQuote } from './reply-quote.tsx';
import { useFollowNewest } from './use-follow-newest.ts';

export interface MessageListProps {
  /** A window on the conversation: the newest messages, in display order. */
  messages: LocalMessage[];
  /** Whether older messages exist than the window holds. */
  hasOlder: boolean;
  /** Asks for older messages: called as the user scrolls near the top while `hasOlder`. */
  onNearTop: () => void;
  /** Whether the window stops short of the newest message (opened at a search result). */
  hasNewer?: boolean;
  /** Asks for newer messages: called near the bottom while `hasNewer`. */
  onNearBottom?: () => void;
  /** Goes back to the newest messages (Jump to newest while `hasNewer`). */
  onToNewest?: () => void;
  /** The message to open at, centred and highlighted (a search result). */
  target?: { id: string; seq: number } | null;
  self: string;
  peerName: string;
  /** The read marker (arrival number) when the conversation was opened, for the unread divider. */
  readUpTo: number;
  onAtBottomChange: (atBottom: boolean) => void;
  onRetry: (id: string) => void;
  onDiscard: (id: string) => void;
  /** Reply, edit and the reply quote's jump; without it bubbles have no actions menu. */
  lifecycle?: MessageLifecycleHandlers;
  /** The tick of one of my messages (db/receipt-marks.ts); without it, the message's state. */
  tickOf?: (message: LocalMessage) => TickState;
}

/**
 * The conversation as a virtualized log: only the rows near the viewport are in the DOM
 * (a 10,000-message conversation stays fast), each measured as drawn (and again whenever it
 * resizes), so rows of any length never overlap. role="log" makes screen readers announce
 * rows added at the end. Scrolling: see useFollowNewest. anchorTo 'end' keeps the row at the
 * top of the viewport in place (by key) when rows are prepended or trimmed.
 */
const noop = () => {};

export function MessageList(props: MessageListProps) {
  const { messages, hasOlder, self, peerName, onRetry, onDiscard } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  // Where the divider goes is decided once, from the messages there were on opening: it stays
  // there after they are marked read, and what arrives later gets none.
  const unreadFrom = useRef<string | null | undefined>(undefined);
  if (unreadFrom.current === undefined && messages.length > 0) {
    unreadFrom.current = firstUnread(messages, self, props.readUpTo);
  }
  const from = unreadFrom.current;
  const rows = useMemo(
    () => buildRows(messages, { hasOlder, unreadFrom: from }),
    [messages, hasOlder, from],
  );
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (rows[index]?.kind === 'message' ? 68 : 40),
    getItemKey: (index) => rows[index]?.key ?? index,
    overscan: 8,
    anchorTo: 'end',
  });
  const { atBottom, newCount, scrollToEnd } = useFollowNewest({
    scrollRef,
    virtualizer,
    rows,
    self,
    hasOlder,
    hasNewer: props.hasNewer ?? false,
    onNearTop: props.onNearTop,
    onNearBottom: props.onNearBottom ?? noop,
    onToNewest: props.onToNewest ?? noop,
    target: props.target ?? null,
    onAtBottomChange: props.onAtBottomChange,
  });
  const gestures = useMessageActionGestures();
  const lifecycle = props.lifecycle;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const toggleExpanded = useCallback((id: string) => {
    setExpanded((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
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
                {row.kind === 'day' && <p className="day-separator">{formatDay(row.time)}</p>}
                {row.kind === 'unread' && <p className="unread-divider">Unread messages</p>}
                {row.kind === 'message' && (
                  <MessageBubble
                    message={row.message}
                    mine={row.message.sender === self}
                    tick={props.tickOf?.(row.message)}
                    author={row.message.sender === self ? 'You' : peerName}
                    onRetry={onRetry}
                    onDiscard={onDiscard}
                    expanded={expanded.has(row.message.id)}
                    highlighted={row.message.id === props.target?.id}
                    onToggleExpanded={toggleExpanded}
                    {...(lifecycle && {
                      rowProps: gestures,
                      actions: (
                        <MessageActions
                          message={row.message}
                          author={row.message.sender === self ? 'You' : peerName}
                          onReply={lifecycle.onReply}
                          onEdit={lifecycle.onEdit}
                        />
                      ),
                      quote: row.message.replyTo !== undefined && (
                        <ReplyQuote
                          original={row.message.replyTo}
                          self={self}
                          peerName={peerName}
                          onJump={lifecycle.onJump}
                        />
                      ),
                    })}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {!atBottom && rows.length > 0 && (
        <button type="button" className="button button--small jump-newest" onClick={scrollToEnd}>
          <span aria-hidden="true">↓ </span>Jump to newest
          {newCount > 0 && (
            <span className="jump-newest__count">
              {newCount === 1 ? '1 new message' : `${newCount} new messages`}
            </span>
          )}
        </button>
      )}
    </div>
  );
}
