import { Dialog } from '../ui/dialog.tsx';
import { Logo } from '../ui/logo.tsx';

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
