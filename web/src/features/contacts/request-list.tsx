import { useState } from 'react';
import { acceptRequest, blockContact, type ContactSummary, reportContact } from '../../db/index.ts';
import { encodeReason } from '../../lib/report-reason.ts';
import { useSession } from '../../lib/session.tsx';
import { displayName, suggestedName } from '../../lib/text.ts';
import { BlockDialog } from '../../ui/block-dialog.tsx';
import { NameDialog } from '../../ui/name-dialog.tsx';
import type { ReportChoice } from '../../ui/report-fields.tsx';
import { ContactLink } from './contact-item.tsx';

export interface RequestListProps {
  requests: ContactSummary[];
  selected: string | null;
}

/** Messages from people who are not contacts yet: read them, then Accept or Block. */
export function RequestList({ requests, selected }: RequestListProps) {
  const { db, self, afterWrite, navigate } = useSession();
  const [blocking, setBlocking] = useState<ContactSummary | null>(null);
  const [accepting, setAccepting] = useState<ContactSummary | null>(null);
  if (requests.length === 0) return null;

  /** Accepting asks for a name, so the contact is not shown as its email twice. */
  const accept = async (email: string, name: string) => {
    if (name.trim() === '') return 'Give them a name, as you would for a contact.';
    await acceptRequest(db, email, Date.now(), name);
    setAccepting(null);
    afterWrite();
    return null;
  };
  const block = async (email: string, report: ReportChoice | null) => {
    setBlocking(null);
    await blockContact(db, email);
    if (report?.category) {
      await reportContact(db, email, encodeReason(report.category, report.details));
    }
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
                onClick={() => setAccepting(summary)}
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
      <NameDialog
        open={accepting !== null}
        title="Accept message request"
        initial={accepting ? accepting.contact.name || suggestedName(accepting.contact.email) : ''}
        confirmLabel="Accept"
        onClose={() => setAccepting(null)}
        onSubmit={(name) =>
          accepting ? accept(accepting.contact.email, name) : Promise.resolve(null)
        }
      >
        <p>{accepting?.contact.email} will be added to your contacts under this name.</p>
      </NameDialog>
      <BlockDialog
        open={blocking !== null}
        name={blocking ? displayName(blocking.contact) : ''}
        consequence="They will not be able to message you, and you will not see their messages."
        onClose={() => setBlocking(null)}
        onConfirm={(report) => blocking && void block(blocking.contact.email, report)}
      />
    </section>
  );
}
