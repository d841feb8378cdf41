import { useLiveQuery } from 'dexie-react-hooks';
import { useRef, useState } from 'react';
import { getMeta, listContactSummaries } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { chatPath } from '../../lib/text.ts';
import { useOnline } from '../../lib/use-online.ts';
import { AddContactDialog } from './add-contact-dialog.tsx';
import { ContactLink } from './contact-item.tsx';
import { FailedActions } from './failed-actions.tsx';
import { matches, splitRequests } from './filter-contacts.ts';
import { RequestList } from './request-list.tsx';
import { useRovingLinks } from './use-roving-links.ts';

function emptyText(query: string, firstSyncDone: boolean, online: boolean): string {
  if (query) return 'No contact matches your search.';
  if (firstSyncDone) return 'No contacts yet. Add someone by email to start chatting.';
  return online ? 'Loading your chats…' : 'Your chats will load when you are back online.';
}

/** The sidebar: search, message requests, contacts, and the Add contact dialog. */
export function ContactList({ selected }: { selected: string | null }) {
  const { db, self, navigate } = useSession();
  const summaries = useLiveQuery(() => listContactSummaries(db), [db]);
  const firstSyncDone = useLiveQuery(() => getMeta(db, 'initialSyncDone'), [db]);
  const online = useOnline();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const filtered = (summaries ?? []).filter((s) => matches(s, query));
  const { requests, contacts } = splitRequests(filtered);
  const lists = useRef<HTMLDivElement>(null);
  useRovingLinks(lists);

  return (
    <div className="sidebar">
      <div className="sidebar__top">
        <h2 className="sidebar__title">Chats</h2>
        <button type="button" className="button button--small" onClick={() => setAdding(true)}>
          Add contact
        </button>
      </div>
      <input
        type="search"
        className="search"
        aria-label="Search contacts"
        aria-keyshortcuts="Control+K Meta+K"
        placeholder="Search name or email"
        value={query}
        onChange={(event) => setQuery(event.target.value)}
      />
      <FailedActions />
      <div ref={lists} className="sidebar__lists">
        <RequestList requests={requests} selected={selected} />
        <ul className="contact-list" aria-label="Contacts">
          {contacts.map((summary) => (
            <li key={summary.contact.email} className="contact-list__item">
              <ContactLink
                summary={summary}
                self={self}
                active={selected === summary.contact.email}
                onOpen={navigate}
              />
            </li>
          ))}
        </ul>
      </div>
      {summaries && contacts.length === 0 && requests.length === 0 && (
        <p className="sidebar__empty">{emptyText(query, firstSyncDone === true, online)}</p>
      )}
      <AddContactDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(email) => navigate(chatPath(email))}
      />
    </div>
  );
}
