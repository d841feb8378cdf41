import { wiring } from '@chatscape/sync-api/realtime';
import { useLiveState } from './use-live.ts';

/**
 * Whether updates arrive live, truthfully: "Live" only while the socket is open; otherwise the
 * page is polling slowly and says so. Nothing when this deployment has no socket.
 */
export function LiveBadge() {
  const state = useLiveState();
  if (state === 'off') return null;
  const text =
    state === 'live' ? 'Live' : `Not live, checking every ${wiring.client.fallbackPollSeconds} s`;
  return (
    <span className={`sync-status__live sync-status__live--${state}`} data-live={state}>
      {text}
    </span>
  );
}
