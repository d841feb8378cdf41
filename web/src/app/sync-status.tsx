import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { countWaiting, getMeta, type SyncStatus as Status } from '../db/index.ts';
import { formatAge } from '../lib/format-time.ts';
import { useSession } from '../lib/session.tsx';
import { useOnline } from '../lib/use-online.ts';
import { LiveBadge } from '../realtime/live-badge.tsx';

function describe(online: boolean, status: Status | undefined, now: number): string {
  if (!online) return 'Offline';
  switch (status?.phase) {
    case 'syncing':
      return 'Syncing…';
    case 'auth':
      return 'Sign-in needed to sync';
    case 'offline':
      return 'Cannot reach the server, retrying';
    case 'error':
      return 'Sync problem, retrying';
    default:
      return status?.lastSyncAt ? `Synced ${formatAge(status.lastSyncAt, now)}` : 'Not synced yet';
  }
}

/** Offline / syncing / last synced, plus what is waiting to be sent. */
export function SyncStatus({ onSignInAgain }: { onSignInAgain?: (() => void) | undefined }) {
  const { db } = useSession();
  const online = useOnline();
  const status = useLiveQuery(() => getMeta(db, 'status'), [db]);
  const waiting = useLiveQuery(() => countWaiting(db), [db]) ?? 0;
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const phase = online ? (status?.phase ?? 'idle') : 'offline';
  const text = describe(online, status, Math.max(now, status?.lastSyncAt ?? 0));
  return (
    <div className={`sync-status sync-status--${phase}`}>
      <span className="sync-status__dot" aria-hidden="true" />
      <span className="sync-status__text" title={text}>
        {text}
      </span>
      {online && <LiveBadge />}
      {waiting > 0 && <span className="sync-status__waiting">{`${waiting} waiting to send`}</span>}
      <span className="visually-hidden" role="status">
        {online ? '' : 'You are offline. Messages will be sent when you are back online.'}
      </span>
      {online && status?.phase === 'auth' && onSignInAgain && (
        <button type="button" className="link-button" onClick={onSignInAgain}>
          Sign in again
        </button>
      )}
    </div>
  );
}
