import { applyUpdate, useUpdateState } from './service-worker.ts';

export function UpdatePrompt() {
  const { waiting } = useUpdateState();
  if (!waiting) return null;
  return (
    <div className="toast" role="status">
      <span>A new version is available</span>
      <button type="button" className="button button--small" onClick={applyUpdate}>
        Reload
      </button>
    </div>
  );
}
