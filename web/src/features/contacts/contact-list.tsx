import { useLiveQuery } from 'dexie-react-hooks';
import { type KeyboardEvent, type ReactNode, useRef, useState } from 'react';
import { getMeta, listContactSummaries } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { chatPath } from '../../lib/text.ts';
import { useOnline } from '../../lib/use-online.ts';
import { AddContactDialog } from './add-contact-dialog.tsx';
import { ContactLink } from './contact-item.tsx';
import { FailedActions } from './failed-actions.tsx';
import { filterByQuery, splitRequests } from './filter-contacts.ts';
import { RequestList } from './request-list.tsx';
import { useRovingLinks } from './use-roving-links.ts';

function emptyText(query: string, firstSyncDone: boolean, online: boolean): string {
  if (query) return 'No contact matches your search.';
  if (firstSyncDone) return 'No contacts yet. Add someone by email to start chatting.';
  return online ? 'Loading your chats…' : 'Your chats will load when you are back online.';
}

export interface ContactListProps {
  selected: string | null;
  /**
   * What else the search finds (messages), shown below the contacts while the box holds a
   * query; `focusSearch` puts the cursor back in the box.
   */
  searchResults?: (query: string, focusSearch: () => void) => ReactNode;
}

/** The sidebar: search, message requests, contacts, and the Add contact dialog. */
export function ContactList({ selected, searchResults }: ContactListProps) {
  const { db, self, navigate } = useSession();
  const summaries = useLiveQuery(() => listContactSummaries(db), [db]);
  const firstSyncDone = useLiveQuery(() => getMeta(db, 'initialSyncDone'), [db]);
  const online = useOnline();
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const filtered = filterByQuery(summaries ?? [], query);
  const { requests, contacts } = splitRequests(filtered);
  const lists = useRef<HTMLDivElement>(null);
  const box = useRef<HTMLInputElement>(null);
  const sidebar = useRef<HTMLDivElement>(null);
  useRovingLinks(lists);
  // ↓ in the search box goes to the first conversation or result (each list is one Tab stop).
  const onSearchKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown') return;
    const first = sidebar.current?.querySelector<HTMLElement>('a.contact, a.search-hit');
    if (!first) return;
    event.preventDefault();
    first.focus();
  };

  return (
    <div className="sidebar" ref={sidebar}>
      <div className="sidebar__top">
        <h2 className="sidebar__title">Chats</h2>
        <button type="button" className="button button--small" onClick={() => setAdding(true)}>
          Add contact
        </button>
      </div>
      <input
        type="search"
        className="search"
        ref={box}
        aria-label="Search chats"
        aria-keyshortcuts="Control+K Meta+K"
        placeholder={searchResults ? 'Search names and messages' : 'Search name or email'}
        value={query}
        onChange={(event) => setQuery(event.target.value)}
        onKeyDown={onSearchKey}
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
      {query.trim() !== '' && searchResults?.(query, () => box.current?.focus())}
      <AddContactDialog
        open={adding}
        onClose={() => setAdding(false)}
        onAdded={(email) => navigate(chatPath(email))}
      />
    </div>
  );
}
