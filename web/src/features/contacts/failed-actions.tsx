import { useLiveQuery } from 'dexie-react-hooks';
import { discardOutbox, listFailedActions, type OutboxRow, retryOutbox } from '../../db/index.ts';
import { useSession } from '../../lib/session.tsx';

const verbs: Record<OutboxRow['type'], string> = {
  'contact.add': 'add',
  'contact.block': 'block',
  'contact.unblock': 'unblock',
  'contact.report': 'report',
  'message.send': 'send to',
  'message.edit': 'edit a message to',
  'message.delete': 'delete for everyone a message to',
  'message.hide': 'delete a message with',
  // Web Push (web/src/push): the row's peer is empty; the device is the subject.
  'push.subscribe': 'turn on notifications on this device',
  'push.unsubscribe': 'turn off notifications on this device',
  // Receipts are dropped when refused (sync/apply-response.ts): never listed here.
  'receipt.read': 'send a read receipt to',
  'receipt.delivered': 'send a delivered receipt to',
  // Drafts are dropped when refused too (the box still holds the text on this device).
  'draft.set': 'save the draft to',
  'chat.mute': 'mute or unmute',
  'chat.clear': 'delete the chat with',
  // Account settings: the row's peer is empty.
  'settings.set': 'change the read receipts setting',
};

/** Contact actions the server refused: said plainly, with Retry and Discard. */
export function FailedActions() {
  const { db, afterWrite } = useSession();
  const failed = useLiveQuery(() => listFailedActions(db), [db]) ?? [];
  if (failed.length === 0) return null;
  return (
    <section className="failed-actions" aria-label="Changes not saved">
      <ul>
        {failed.map((row) => (
          <li key={row.id} className="failed-actions__item">
            <p>
              Could not {verbs[row.type]}
              {row.peer && ` ${row.peer}`}: {row.error?.message ?? 'refused'}
            </p>
            <button
              type="button"
              className="button button--small"
              onClick={() => void retryOutbox(db, row.id).then(afterWrite)}
            >
              Retry
            </button>
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => void discardOutbox(db, row.id)}
            >
              Discard
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
