import type { ContactSummary, LocalMessage } from '../../db/index.ts';
import { formatDay, formatTime, isSameDay, shownTime } from '../../lib/format-time.ts';
import { chatPath, displayName } from '../../lib/text.ts';
import { Avatar } from '../../ui/avatar.tsx';

function preview(last: LocalMessage | undefined, self: string): string {
  if (!last) return '';
  if (last.state === 'failed') return `Not sent: ${last.body}`;
  return last.sender === self ? `You: ${last.body}` : last.body;
}

function when(last: LocalMessage | undefined): string {
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

/** One conversation in the list: avatar, name (or email), last message, unread count. */
export function ContactLink({ summary, self, active, onOpen }: ContactItemProps) {
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
        <span className="contact__time">{when(last)}</span>
        {unread > 0 && (
          <span className="badge">
            <span aria-hidden="true">{unread > 99 ? '99+' : unread}</span>
            <span className="visually-hidden">{`${unread} unread`}</span>
          </span>
        )}
      </span>
    </a>
  );
}
