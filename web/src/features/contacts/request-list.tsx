import { useState } from 'react';
import { acceptRequest, blockContact, type ContactSummary } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { displayName } from '../../lib/text.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { ContactLink } from './contact-item.tsx';

export interface RequestListProps {
  requests: ContactSummary[];
  selected: string | null;
}

/** Messages from people who are not contacts yet: read them, then Accept or Block. */
export function RequestList({ requests, selected }: RequestListProps) {
  const { db, self, afterWrite, navigate } = useSession();
  const [blocking, setBlocking] = useState<ContactSummary | null>(null);
  if (requests.length === 0) return null;

  const accept = async (email: string) => {
    await acceptRequest(db, email);
    afterWrite();
  };
  const block = async (email: string) => {
    setBlocking(null);
    await blockContact(db, email);
    afterWrite();
  };

  return (
    <section className="requests" aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="sidebar__heading">
        Message requests
      </h2>
      <ul className="contact-list" aria-label="Message requests">
        {requests.map((summary) => (
          <li key={summary.contact.email} className="contact-list__item request">
            <ContactLink
              summary={summary}
              self={self}
              active={selected === summary.contact.email}
              onOpen={navigate}
            />
            <div className="request__actions">
              <button
                type="button"
                className="button button--small"
                onClick={() => void accept(summary.contact.email)}
              >
                Accept
              </button>
              <button
                type="button"
                className="button button--small button--secondary"
                onClick={() => setBlocking(summary)}
              >
                Block
              </button>
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialog
        open={blocking !== null}
        title="Block"
        confirmLabel="Block"
        danger
        onClose={() => setBlocking(null)}
        onConfirm={() => blocking && void block(blocking.contact.email)}
      >
        <p>
          Block {blocking ? displayName(blocking.contact) : ''}? They will not be able to message
          you, and you will not see their messages.
        </p>
      </ConfirmDialog>
    </section>
  );
}
