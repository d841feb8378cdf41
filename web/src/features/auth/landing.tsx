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
          <button type="button" className="button" onClick={onSignIn} disabled={!online}>
            Sign in
          </button>
          <InstallButton />
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
