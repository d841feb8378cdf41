import { useState } from 'react';
import { Dialog } from '../ui/dialog.tsx';
import { usePush } from './use-push.ts';

export interface NotificationsDialogProps {
  open: boolean;
  onClose: () => void;
}

function statusText(push: ReturnType<typeof usePush>): string {
  if (!push.available) return 'This browser cannot show notifications from ChatScape.';
  if (push.support === 'denied') {
    return 'Notifications are blocked for this site. Allow them in your browser’s site settings, then turn them on here.';
  }
  if (push.enabled && push.support === 'granted') {
    return 'On: new messages are announced on this device, even when ChatScape is closed.';
  }
  return 'Off: new messages show up when you open ChatScape.';
}

/** The account menu's "Notifications": on/off for this device, and message previews. */
export function NotificationsDialog({ open, onClose }: NotificationsDialogProps) {
  const push = usePush();
  const on = push.enabled && push.support === 'granted';
  // Shown at once; the stored setting (a live query) catches up a moment later.
  const [previews, setPreviews] = useState<boolean | null>(null);
  return (
    <Dialog open={open} title="Notifications" onClose={onClose}>
      <div className="dialog__body">
        <p role="status">{statusText(push)}</p>
        {push.problem && <p className="field__error">{push.problem}</p>}
        <label className="checkbox">
          <input
            type="checkbox"
            checked={previews ?? push.showPreviews}
            onChange={(event) => {
              setPreviews(event.target.checked);
              void push.setPreviews(event.target.checked);
            }}
          />{' '}
          Show message previews
        </label>
      </div>
      <div className="dialog__actions">
        {push.available && push.support !== 'denied' && (
          <button
            type="button"
            className="button"
            disabled={push.busy}
            onClick={() => void (on ? push.disable() : push.enable())}
          >
            {on ? 'Turn off notifications' : 'Turn on notifications'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
