import { useState } from 'react';
import { type LocalContact, muteChat, unblockContact } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { displayName } from '../../lib/text.ts';
import { TypingIndicator } from '../../realtime/index.ts';
import { Avatar } from '../../ui/avatar.tsx';
import { BlockDialog } from '../../ui/block-dialog.tsx';
import { Menu } from '../../ui/menu.tsx';
import type { ReportChoice } from '../../ui/report-fields.tsx';
import { blockAndReport } from './block-contact.ts';
import { ChatDialogs, chatItems } from './chat-actions.tsx';
import { ReportDialog } from './report-dialog.tsx';

export function ConversationHeader({ contact }: { contact: LocalContact }) {
  const { db, afterWrite, navigate } = useSession();
  const [dialog, setDialog] = useState<'block' | 'report' | 'rename' | 'delete' | null>(null);
  const [copied, setCopied] = useState(false);
  const name = displayName(contact);

  const copy = async () => {
    await navigator.clipboard?.writeText(contact.email).catch(() => undefined);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  const block = async (report: ReportChoice | null) => {
    setDialog(null);
    await blockAndReport(db, contact.email, report);
    afterWrite();
  };
  const unblock = async () => {
    await unblockContact(db, contact.email);
    afterWrite();
  };

  return (
    <header className="conversation__header">
      <button
        type="button"
        className="icon-button back-button"
        aria-label="Back to chats"
        onClick={() => navigate('/')}
      >
        <span aria-hidden="true">←</span>
      </button>
      <Avatar name={contact.name} email={contact.email} />
      <div className="conversation__who">
        <h2 className="conversation__name">{name}</h2>
        <p className="conversation__email">
          <span>{contact.email}</span>
          <button
            type="button"
            className="link-button"
            onClick={() => void copy()}
            aria-label="Copy email"
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </p>
        {!contact.request && !contact.blocked && <TypingIndicator peer={contact.email} />}
      </div>
      {contact.blocked && <span className="tag">Blocked</span>}
      {contact.reported && <span className="tag">Reported</span>}
      {contact.muted && <span className="tag">Muted</span>}
      <Menu
        label="Conversation actions"
        trigger={<span aria-hidden="true">⋮</span>}
        items={[
          contact.blocked
            ? { label: 'Unblock', onSelect: () => void unblock() }
            : { label: 'Block', onSelect: () => setDialog('block'), danger: true },
          { label: 'Report', onSelect: () => setDialog('report'), danger: true },
          ...chatItems(contact, {
            rename: () => setDialog('rename'),
            mute: (muted) => void muteChat(db, contact.email, muted).then(afterWrite),
            remove: () => setDialog('delete'),
          }),
        ]}
      />
      <BlockDialog
        open={dialog === 'block'}
        name={name}
        consequence="They will not be able to message you. You can unblock them later."
        onClose={() => setDialog(null)}
        onConfirm={(report) => void block(report)}
      />
      <ReportDialog
        open={dialog === 'report'}
        email={contact.email}
        name={name}
        onClose={() => setDialog(null)}
      />
      <ChatDialogs
        contact={contact}
        open={dialog === 'rename' || dialog === 'delete' ? dialog : null}
        onClose={() => setDialog(null)}
      />
      <span className="visually-hidden" role="status">
        {copied ? 'Email copied' : ''}
      </span>
    </header>
  );
}
