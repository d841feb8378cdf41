import { type HTMLAttributes, useRef, useState } from 'react';
import {
  canDeleteForEveryone,
  canEdit,
  deleteForEveryone,
  deleteForMe,
  type LocalMessage,
} from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { Menu, type MenuItem } from '../../ui/menu.tsx';

/** What the conversation does for Reply and Edit (the composer is its child). */
export interface MessageLifecycleHandlers {
  onReply: (message: LocalMessage) => void;
  onEdit: (message: LocalMessage) => void;
  /** Opens the conversation at a message (a reply's original). */
  onJump: (id: string) => void;
}

export interface MessageActionsProps extends Omit<MessageLifecycleHandlers, 'onJump'> {
  message: LocalMessage;
  /** Who wrote it, for the button's name ("Actions for Bob's message"). */
  author: string;
}

const LONG_PRESS_MS = 500;

/** Three dots, drawn (a "⋯" glyph is text that contrast checkers cannot measure). */
const DotsIcon = () => (
  <svg aria-hidden="true" focusable="false" width="16" height="16" viewBox="0 0 16 16">
    <circle cx="3" cy="8" r="1.5" fill="currentColor" />
    <circle cx="8" cy="8" r="1.5" fill="currentColor" />
    <circle cx="13" cy="8" r="1.5" fill="currentColor" />
  </svg>
);

/**
 * A bubble's actions menu: Reply, Copy, Edit (own, within 24 hours), Delete for me, Delete
 * for everyone (own, within 48 hours; confirmed first). A menu button (keyboard: Tab to it,
 * Enter or ArrowDown), also opened by the context menu on desktop and a long press on touch
 * (messageActionGestures on the row). Deleted messages offer Delete for me only.
 */
export function MessageActions({ message, author, onReply, onEdit }: MessageActionsProps) {
  const { db, afterWrite } = useSession();
  const [confirming, setConfirming] = useState(false);
  const now = Date.now();
  const items: MenuItem[] = [];
  if (!message.deleted) {
    items.push({ label: 'Reply', onSelect: () => onReply(message) });
    items.push({
      label: 'Copy',
      onSelect: () => void navigator.clipboard?.writeText(message.body).catch(() => undefined),
    });
    if (canEdit(db, message, now)) items.push({ label: 'Edit', onSelect: () => onEdit(message) });
  }
  if (message.serverTime !== null) {
    items.push({
      label: 'Delete for me',
      danger: true,
      onSelect: () => void deleteForMe(db, message.id).then(afterWrite),
    });
  }
  if (canDeleteForEveryone(db, message, now)) {
    items.push({ label: 'Delete for everyone', danger: true, onSelect: () => setConfirming(true) });
  }
  if (items.length === 0) return null;
  const whose = author === 'You' ? 'your message' : `${author}'s message`;
  return (
    <>
      <Menu
        className="message-actions"
        label={`Actions for ${whose}`}
        trigger={<DotsIcon />}
        items={items}
      />
      <ConfirmDialog
        open={confirming}
        title="Delete for everyone?"
        confirmLabel="Delete for everyone"
        danger
        onClose={() => setConfirming(false)}
        onConfirm={() => {
          setConfirming(false);
          void deleteForEveryone(db, message.id).then(afterWrite);
        }}
      >
        <p>The message is replaced by “This message was deleted” on every device.</p>
      </ConfirmDialog>
    </>
  );
}

/**
 * The row's context menu (desktop) and long press (touch) open its actions menu: the same
 * menu button, so focus and keyboard work as with a click on it.
 */
export function useMessageActionGestures(): HTMLAttributes<HTMLDivElement> {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Only ever opens: on Android a long press also fires contextmenu, and two clicks would close.
  const open = (row: HTMLElement) => {
    const trigger = row.querySelector<HTMLButtonElement>('.message-actions [aria-haspopup="menu"]');
    if (trigger?.getAttribute('aria-expanded') !== 'true') trigger?.click();
  };
  const cancel = () => clearTimeout(timer.current);
  return {
    onContextMenu: (event) => {
      if (!event.currentTarget.querySelector('.message-actions')) return;
      if ((event.target as HTMLElement).closest('a')) return; // a link keeps its own menu
      event.preventDefault();
      open(event.currentTarget);
    },
    onPointerDown: (event) => {
      if (event.pointerType !== 'touch') return;
      const row = event.currentTarget;
      cancel();
      timer.current = setTimeout(() => open(row), LONG_PRESS_MS);
    },
    onPointerUp: cancel,
    onPointerMove: cancel,
    onPointerCancel: cancel,
  };
}
