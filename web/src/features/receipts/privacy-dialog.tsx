import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { readReceiptsOn, setReadReceipts } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';
import { Dialog } from '../../ui/dialog.tsx';

export interface PrivacyDialogProps {
  open: boolean;
  onClose: () => void;
}

/**
 * The account menu's "Privacy": "Send read receipts", for the account (all the user's
 * devices follow it). Off sends none and shows none (delivered ticks stay), as WhatsApp does;
 * the user's own devices still share what was read, so unread counts follow them either way.
 */
export function PrivacyDialog({ open, onClose }: PrivacyDialogProps) {
  const { db, afterWrite } = useSession();
  const stored = useLiveQuery(() => readReceiptsOn(db), [db]);
  // Shown at once; the stored setting (a live query) catches up a moment later.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const on = chosen ?? stored ?? true;
  return (
    <Dialog open={open} title="Privacy" onClose={onClose}>
      <div className="dialog__body">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={on}
            onChange={(event) => {
              setChosen(event.target.checked);
              void setReadReceipts(db, event.target.checked).then(afterWrite);
            }}
          />{' '}
          Send read receipts
        </label>
        <p className="field__hint">
          {on
            ? 'People you chat with see when you have read their messages, and you see when they have read yours.'
            : 'Nobody sees when you have read their messages, and you do not see when they have read yours. Delivered ticks still show.'}{' '}
          This applies on all your devices.
        </p>
      </div>
    </Dialog>
  );
}
