import { Dialog } from '../ui/dialog.tsx';
import { Logo } from '../ui/logo.tsx';
import { shortcuts } from './use-shortcuts.ts';

export interface AboutDialogProps {
  open: boolean;
  onClose: () => void;
  self: string;
  demo: boolean;
  apiURL?: string | undefined;
}

const version: string = import.meta.env.VITE_APP_VERSION ?? 'dev';

export function AboutDialog({ open, onClose, self, demo, apiURL }: AboutDialogProps) {
  return (
    <Dialog open={open} title="About" onClose={onClose}>
      <div className="dialog__body about">
        <p className="about__brand">
          <Logo size={40} /> <span>ChatScape {version}</span>
        </p>
        <p>
          Offline-first chat. Everything you write is saved on this device first and synced when you
          are online.
        </p>
        <dl className="about__facts">
          <dt>{demo ? 'Mode' : 'Signed in as'}</dt>
          <dd>{demo ? 'Demo mode — data stays on this device' : self}</dd>
          {apiURL && (
            <>
              <dt>Server</dt>
              <dd>{new URL(apiURL).host}</dd>
            </>
          )}
        </dl>
        <h3 className="about__heading">Keyboard shortcuts</h3>
        <dl className="about__shortcuts">
          {shortcuts.map((shortcut) => (
            <div key={shortcut.keys}>
              <dt>
                <kbd>{shortcut.keys}</kbd>
              </dt>
              <dd>{shortcut.action}</dd>
            </div>
          ))}
        </dl>
        <p>
          Based on the original{' '}
          <a href="https://github.com/pojntfx/chatscape" target="_blank" rel="noopener noreferrer">
            ChatScape
          </a>
          .
        </p>
      </div>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
