import { clearChat, type LocalContact, renameContact } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { displayName } from '../../lib/text.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import type { MenuItem } from '../../ui/menu.tsx';
import { NameDialog } from '../../ui/name-dialog.tsx';

/** The conversation menu's chat items: Rename (contacts only), Mute / Unmute, Delete chat. */
export function chatItems(
  contact: LocalContact,
  actions: { rename: () => void; mute: (muted: boolean) => void; remove: () => void },
): MenuItem[] {
  return [
    ...(contact.request ? [] : [{ label: 'Rename', onSelect: actions.rename }]),
    contact.muted
      ? { label: 'Unmute notifications', onSelect: () => actions.mute(false) }
      : { label: 'Mute notifications', onSelect: () => actions.mute(true) },
    { label: 'Delete chat', onSelect: actions.remove, danger: true },
  ];
}

/** Rename and Delete chat, for the conversation header. */
export function ChatDialogs({
  contact,
  open,
  onClose,
}: {
  contact: LocalContact;
  open: 'rename' | 'delete' | null;
  onClose: () => void;
}) {
  const { db, afterWrite } = useSession();
  const name = displayName(contact);
  return (
    <>
      <NameDialog
        open={open === 'rename'}
        title={`Rename ${name}`}
        initial={contact.name}
        confirmLabel="Save"
        onClose={onClose}
        onSubmit={async (next) => {
          const result = await renameContact(db, contact.email, next);
          if (!result.ok) return result.errors.name ?? result.errors.email ?? 'Cannot rename';
          afterWrite();
          onClose();
          return null;
        }}
      />
      <ConfirmDialog
        open={open === 'delete'}
        title="Delete chat"
        confirmLabel="Delete chat"
        danger
        onClose={onClose}
        onConfirm={() => {
          onClose();
          void clearChat(db, contact.email).then(afterWrite);
        }}
      >
        <p>
          The messages of your chat with {name} will be deleted on all your devices. {name} keeps
          their copy.
        </p>
      </ConfirmDialog>
    </>
  );
}
