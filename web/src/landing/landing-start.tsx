import { useEffect, useState } from 'react';
import { loadConfig } from '../config/load-config.ts';
import { Landing } from '../features/auth/landing.tsx';

export interface LandingStartProps {
  /** Hands the page to the chat app (demo mode, or a sign-in that must go through the app). */
  onStartApp: () => void;
}

/**
 * The landing page a signed-out visitor gets first, without the chat app: config.json, and
 * the OpenID client only once Sign in is clicked. A deployment without apiURL (demo mode) has
 * no landing page: the app starts as soon as config.json says so.
 */
export function LandingStart({ onStartApp }: LandingStartProps) {
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    let live = true;
    loadConfig().then(
      (config) => live && config.mode === 'demo' && onStartApp(),
      // Offline on a first visit: the landing page says so; Sign in reports the rest.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [onStartApp]);

  const signIn = async () => {
    setError(undefined);
    try {
      const config = await loadConfig();
      if (config.mode === 'demo') return onStartApp();
      const { createUserManager } = await import('../features/auth/user-manager.ts');
      await createUserManager(config).signinRedirect();
    } catch (e) {
      setError(
        `Could not reach the sign-in service. ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  };

  return <Landing onSignIn={() => void signIn()} error={error} />;
}
