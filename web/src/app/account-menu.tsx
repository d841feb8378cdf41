import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { countUnsent, getMeta } from '../db/index.ts';
import { PrivacyDialog } from '../features/receipts/index.ts';
import { useSession } from '../lib/session.tsx';
import { nameFromIdToken } from '../lib/token-name.ts';
import { NotificationsDialog, usePushKey } from '../push/index.ts';
import { Avatar } from '../ui/avatar.tsx';
import { ConfirmDialog } from '../ui/confirm-dialog.tsx';
import { Menu } from '../ui/menu.tsx';
import { AboutDialog } from './about-dialog.tsx';

export interface AccountMenuProps {
  onSignOut: () => void;
  apiURL?: string | undefined;
}

/**
 * The avatar menu: who is signed in (name and email), About, Notifications (where the
 * deployment sends them), and Sign out (after a warning when unsent items would be lost).
 */
export function AccountMenu({ onSignOut, apiURL }: AccountMenuProps) {
  const { db, self, demo } = useSession();
  const name = useLiveQuery(
    async () => nameFromIdToken((await getMeta(db, 'token'))?.idToken),
    [db],
  );
  const [dialog, setDialog] = useState<'about' | 'notifications' | 'privacy' | 'sign-out' | null>(
    null,
  );
  const pushKey = usePushKey();
  const [unsent, setUnsent] = useState(0);
  const signOutLabel = demo ? 'Clear demo data' : 'Sign out';

  const requestSignOut = async () => {
    const count = await countUnsent(db);
    if (count === 0 && !demo) return onSignOut();
    setUnsent(count);
    setDialog('sign-out');
  };

  return (
    <>
      <Menu
        label="Account"
        className="account-menu"
        trigger={<Avatar name={name ?? ''} email={self} size={32} />}
        header={
          <>
            <span className="menu__header-label">{demo ? 'Demo mode' : 'Signed in as'}</span>
            {name && <span className="menu__header-name">{name}</span>}
            <span className="menu__header-email">{self}</span>
          </>
        }
        items={[
          { label: 'About', onSelect: () => setDialog('about') },
          // Web Push: only where the deployment has a VAPID key (not in demo mode).
          ...(pushKey
            ? [{ label: 'Notifications', onSelect: () => setDialog('notifications') }]
            : []),
          { label: 'Privacy', onSelect: () => setDialog('privacy') },
          { label: signOutLabel, onSelect: () => void requestSignOut() },
        ]}
      />
      {pushKey && (
        <NotificationsDialog open={dialog === 'notifications'} onClose={() => setDialog(null)} />
      )}
      <PrivacyDialog open={dialog === 'privacy'} onClose={() => setDialog(null)} />
      <AboutDialog
        open={dialog === 'about'}
        onClose={() => setDialog(null)}
        self={self}
        demo={demo}
        apiURL={apiURL}
      />
      <ConfirmDialog
        open={dialog === 'sign-out'}
        title={signOutLabel}
        confirmLabel={unsent > 0 ? `${signOutLabel} anyway` : signOutLabel}
        danger
        onClose={() => setDialog(null)}
        onConfirm={() => {
          setDialog(null);
          onSignOut();
        }}
      >
        {unsent > 0 && (
          <p>
            {unsent === 1 ? '1 item has' : `${unsent} items have`} not been sent yet. They will be
            deleted from this device.
          </p>
        )}
        <p>
          All chats stored on this device will be deleted{demo ? '.' : '; they stay on the server.'}
        </p>
      </ConfirmDialog>
    </>
  );
}
