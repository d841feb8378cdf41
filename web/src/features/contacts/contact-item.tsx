import { memo } from 'react';
import type { ContactSummary, LastMessage } from '../../db/index.ts';
import { formatDay, formatTime, isSameDay, shownTime } from '../../lib/format-time.ts';
import { chatPath, displayName } from '../../lib/text.ts';
import { Avatar } from '../../ui/avatar.tsx';

function preview(last: LastMessage | undefined, self: string): string {
  if (!last) return '';
  if (last.deleted) return last.sender === self ? 'You deleted a message' : 'Message deleted';
  if (last.state === 'failed') return `Not sent: ${last.body}`;
  return last.sender === self ? `You: ${last.body}` : last.body;
}

function when(last: LastMessage | undefined): string {
  if (!last) return '';
  const time = shownTime(last);
  return isSameDay(time, Date.now()) ? formatTime(time) : formatDay(time);
}

export interface ContactItemProps {
  summary: ContactSummary;
  self: string;
  active: boolean;
  onOpen: (path: string) => void;
}

/**
 * Whether two rows show the same thing. The list's live query reads fresh objects on every
 * write, so rows compare what they show: one changed conversation re-renders one row.
 */
export function sameRow(a: ContactItemProps, b: ContactItemProps): boolean {
  const [x, y] = [a.summary, b.summary];
  return (
    a.active === b.active &&
    a.self === b.self &&
    a.onOpen === b.onOpen &&
    x.unread === y.unread &&
    x.contact.email === y.contact.email &&
    x.contact.name === y.contact.name &&
    x.contact.blocked === y.contact.blocked &&
    x.contact.muted === y.contact.muted &&
    x.last?.id === y.last?.id &&
    x.last?.state === y.last?.state &&
    x.last?.body === y.last?.body &&
    x.last?.sender === y.last?.sender &&
    x.last?.serverTime === y.last?.serverTime &&
    x.last?.sentAt === y.last?.sentAt
  );
}

/** One conversation in the list: avatar, name (or email), last message, unread count. */
export const ContactLink = memo(function ContactLink({
  summary,
  self,
  active,
  onOpen,
}: ContactItemProps) {
  const { contact, last, unread } = summary;
  const path = chatPath(contact.email);
  return (
    <a
      href={path}
      className="contact"
      aria-current={active ? 'page' : undefined}
      onClick={(event) => {
        event.preventDefault();
        onOpen(path);
      }}
    >
      <Avatar name={contact.name} email={contact.email} />
      <span className="contact__text">
        <span className="contact__name" dir="auto">
          {displayName(contact)}
        </span>
        <span className="contact__preview" dir="auto">
          {contact.blocked ? 'Blocked' : preview(last, self)}
        </span>
      </span>
      <span className="contact__meta">
        <span className="contact__time">
          {contact.muted && (
            <span className="contact__muted" title="Muted">
              <span aria-hidden="true">🔕 </span>
              <span className="visually-hidden">Muted. </span>
            </span>
          )}
          {when(last)}
        </span>
        {unread > 0 && (
          <span className="badge">
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">{`${unread} unread`}</span>
          </span>
        )}
      </span>
    </a>
  );
}, sameRow);
