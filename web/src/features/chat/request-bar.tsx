import { useState } from 'react';
import { acceptRequest, type LocalContact } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { displayName } from '../../lib/text.ts';
import { BlockDialog } from '../../ui/block-dialog.tsx';
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
  const [dialog, setDialog] = useState<'block' | 'report' | null>(null);
  const name = displayName(contact);
  return (
    <section className="request-bar" aria-label="Message request">
      <p>{name} is not in your contacts. Accept to reply, or block them.</p>
      <div className="request-bar__actions">
        <button
          type="button"
          className="button"
          onClick={() => void acceptRequest(db, contact.email).then(afterWrite)}
        >
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
