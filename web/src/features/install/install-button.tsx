import { useId } from 'react';
import { canInstall, promptInstall } from './install-prompt.ts';
import { useInstallState } from './use-install-state.ts';

/**
 * "Install app" once the browser offers installation. Before that, the button stays disabled
 * with the reason in words beside it; where the browser has no install prompt at all
 * (Firefox, Safari) or the app is installed already, there is no button.
 */
export function InstallButton({ className }: { className?: string }) {
  const { prompt, installed } = useInstallState();
  if (installed || (!prompt && !canInstall())) return null;
  return <InstallButtonView className={className} offered={prompt !== null} />;
}

/**
 * The button itself, for a browser that can install: `offered` once it has offered the
 * prompt. Also what the prerendered landing page shows (web/src/landing/prerender.tsx).
 */
export function InstallButtonView({
  className,
  offered,
}: {
  className?: string | undefined;
  offered: boolean;
}) {
  const hintId = useId();
  return (
    <>
      <button
        type="button"
        className={className ?? 'button button--secondary'}
        data-landing="install"
        disabled={!offered}
        aria-describedby={offered ? undefined : hintId}
        onClick={() => void promptInstall()}
      >
        Install app
      </button>
      {!offered && (
        <p id={hintId} className="install-hint">
          Install becomes available when your browser offers it, usually after a short visit.
          Meanwhile your browser's menu may offer "Install" or "Add to Home screen".
        </p>
      )}
    </>
  );
}
