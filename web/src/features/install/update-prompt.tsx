import { useState, useSyncExternalStore } from 'react';
import { applyUpdate, subscribeUpdateState, updateState } from './service-worker.ts';

/**
 * "A new version is available": a one-line bar in the page's flow (see .update-bar), so it
 * never covers the composer. Dismissing it keeps the running version until the next start
 * (the waiting worker takes over once every tab of the app has closed).
 */
export function UpdatePrompt() {
  const { waiting } = useSyncExternalStore(subscribeUpdateState, updateState);
  const [dismissed, setDismissed] = useState(false);
  if (!waiting || dismissed) return null;
  return (
    <div className="update-bar" role="status">
      <span className="update-bar__text">A new version is available</span>
      <button type="button" className="button button--small" onClick={applyUpdate}>
        Reload
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Dismiss"
        onClick={() => setDismissed(true)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
