import { useState } from 'react';
import { acceptRequest, type LocalContact } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { displayName, suggestedName } from '../../lib/text.ts';
import { BlockDialog } from '../../ui/block-dialog.tsx';
import { NameDialog } from '../../ui/name-dialog.tsx';
import type { ReportChoice } from '../../ui/report-fields.tsx';
import { ReportDialog } from './report-dialog.tsx';

export interface RequestBarProps {
  contact: LocalContact;
  onBlock: (report: ReportChoice | null) => void;
}

/**
 * In place of the composer while a conversation is a message request: the person is not a
 * contact, so nothing can be sent until the user accepts (replying never accepts silently).
 */
export function RequestBar({ contact, onBlock }: RequestBarProps) {
  const { db, afterWrite } = useSession();
  const [dialog, setDialog] = useState<'accept' | 'block' | 'report' | null>(null);
  const name = displayName(contact);
  return (
    <section className="request-bar" aria-label="Message request">
      <p>{name} is not in your contacts. Accept to reply, or block them.</p>
      <div className="request-bar__actions">
        <button type="button" className="button" onClick={() => setDialog('accept')}>
          Accept
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setDialog('block')}
        >
          Block
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => setDialog('report')}
        >
          Report
        </button>
      </div>
      <NameDialog
        open={dialog === 'accept'}
        title="Accept message request"
        initial={contact.name || suggestedName(contact.email)}
        confirmLabel="Accept"
        onClose={() => setDialog(null)}
        onSubmit={async (given) => {
          if (given.trim() === '') return 'Give them a name, as you would for a contact.';
          await acceptRequest(db, contact.email, Date.now(), given);
          afterWrite();
          return null;
        }}
      >
        <p>{contact.email} will be added to your contacts under this name.</p>
      </NameDialog>
      <BlockDialog
        open={dialog === 'block'}
        name={name}
        consequence="They will not be able to message you, and you will not see their messages."
        onClose={() => setDialog(null)}
        onConfirm={(report) => {
          setDialog(null);
          onBlock(report);
        }}
      />
      <ReportDialog
        open={dialog === 'report'}
        email={contact.email}
        name={name}
        onClose={() => setDialog(null)}
      />
    </section>
  );
}
