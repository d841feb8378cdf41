import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState, useSyncExternalStore } from 'react';
import { subscribeUpdateState, updateState } from '../features/install/service-worker.ts';
import { useSession } from '../lib/session.tsx';
import { getPromptDismissed, setPromptDismissed } from './settings.ts';
import { usePush } from './use-push.ts';

/**
 * The one moment the app offers notifications unasked: after this device has sent its first
 * message (a reply is now worth hearing about). Never on load, never twice once dismissed;
 * the permission prompt itself only ever follows the click. The account menu's
 * "Notifications" stays for later.
 */
export function PushOptIn() {
  const { db } = useSession();
  const push = usePush();
  const [hidden, setHidden] = useState(false);
  // The update bar has the same place at the top: it goes first.
  const { waiting } = useSyncExternalStore(subscribeUpdateState, updateState);
  const [sent, setSent] = useState(false);
  // A send puts a row in the (small) outbox at once: the moment to offer. Sticky once seen.
  const sending = useLiveQuery(
    async () => (await db.outbox.filter((r) => r.type === 'message.send').count()) > 0,
    [db],
  );
  const dismissed = useLiveQuery(() => getPromptDismissed(db), [db]);
  useEffect(() => {
    if (sending) setSent(true);
  }, [sending]);
  const ready = sent && dismissed === false;
  // Offered while the permission is undecided, or granted with no subscription on this device.
  if (waiting) return null;
  if (!ready || hidden || !push.available || push.enabled || push.support === 'denied') {
    return push.problem && !hidden ? (
      <div className="update-bar" role="status">
        <span className="update-bar__text">{push.problem}</span>
      </div>
    ) : null;
  }
  const dismiss = () => {
    setHidden(true);
    void setPromptDismissed(db);
  };
  return (
    <section className="update-bar" aria-label="Notifications">
      <span className="update-bar__text">Get notified when a reply arrives?</span>
      <button
        type="button"
        className="button button--small"
        disabled={push.busy}
        onClick={() => void push.enable().then((ok) => ok && dismiss())}
      >
        Turn on notifications
      </button>
      <button type="button" className="button button--small button--secondary" onClick={dismiss}>
        Not now
      </button>
    </section>
  );
}
