import { promptInstall, useInstallState } from './install-prompt.ts';

/** Enabled once the browser offers installation; gone once installed. */
export function InstallButton({ className }: { className?: string }) {
  const { prompt, installed } = useInstallState();
  if (installed) return null;
  return (
    <button
      type="button"
      className={className ?? 'button button--secondary'}
      disabled={!prompt}
      title={prompt ? undefined : 'Your browser has not offered installation yet'}
      onClick={() => void promptInstall()}
    >
      Install app
    </button>
  );
}
