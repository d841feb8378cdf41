import { renderToStaticMarkup } from 'react-dom/server';
import { LandingView } from '../features/auth/landing.tsx';
import { InstallButtonView } from '../features/install/install-button.tsx';
import { Logo } from '../ui/logo.tsx';

/**
 * The contents of index.html's #root, rendered at build time: the landing page as a
 * Chromium-based browser first shows it (online, install not offered yet), and the start
 * splash that the start script shows instead when the app starts (styles/layout.css). The
 * page script brings the landing page to life (static-landing.ts); the app, when it starts,
 * replaces both.
 */
export function prerenderLanding(): string {
  return renderToStaticMarkup(
    <div className="prerendered">
      <LandingView
        onSignIn={() => undefined}
        online
        starting
        install={<InstallButtonView offered={false} />}
      />
      <div className="splash start-splash" aria-busy="true">
        <Logo size={56} />
      </div>
    </div>,
  );
}
