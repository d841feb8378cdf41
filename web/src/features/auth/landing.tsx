import type { ReactNode } from 'react';
import { useOnline } from '../../lib/use-online.ts';
import { Logo } from '../../ui/logo.tsx';
import { InstallButton } from '../install/index.ts';

export interface LandingProps {
  onSignIn: () => void;
  error?: string | undefined;
}

export function Landing({ onSignIn, error }: LandingProps) {
  const online = useOnline();
  return (
    <LandingView onSignIn={onSignIn} error={error} online={online} install={<InstallButton />} />
  );
}

export interface LandingViewProps extends LandingProps {
  online: boolean;
  /** Before the page's script runs (the prerendered page): Sign in cannot work yet. */
  starting?: boolean;
  /** The "Install app" button (or nothing), beside Sign in. */
  install: ReactNode;
}

/**
 * The signed-out page as markup only. The build prerenders it into index.html
 * (web/src/landing/prerender.tsx), so it must stay free of browser APIs and inline styles.
 */
export function LandingView({ onSignIn, error, online, starting, install }: LandingViewProps) {
  return (
    <div className="landing">
      <header className="landing__header">
        <Logo size={40} />
        <span className="landing__brand">ChatScape</span>
      </header>
      <main id="main" className="landing__main" tabIndex={-1}>
        <h1 className="landing__title">ChatScape</h1>
        <p className="landing__tagline">
          Chat that keeps working offline. Write anytime; it arrives when you are back online.
        </p>
        <div className="landing__actions">
          <button
            type="button"
            className="button"
            data-landing="sign-in"
            onClick={onSignIn}
            disabled={!online || starting}
          >
            Sign in
          </button>
          {install}
        </div>
        {!online && <p className="landing__note">You are offline. Connect to sign in.</p>}
        {error && (
          <p className="landing__error" role="alert">
            {error}
          </p>
        )}
        <ul className="landing__features">
          <li>Your conversations load instantly, even with no connection.</li>
          <li>Messages you send offline go out by themselves later, exactly once.</li>
          <li>Installable on desktop and phone.</li>
        </ul>
      </main>
    </div>
  );
}
