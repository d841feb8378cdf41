import type { User, UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useState } from 'react';

export type AuthState =
  | { status: 'loading' }
  | { status: 'signed-out'; error?: string }
  | { status: 'signed-in'; user: User; email: string };

const CALLBACK_PATH = '/callback';
// The authorization code can be redeemed once; StrictMode and re-mounts must share the result.
let callbackResult: Promise<User> | undefined;

function toState(user: User | null): AuthState {
  const email = user?.profile.email?.toLowerCase();
  if (!user || !email) return { status: 'signed-out' };
  return { status: 'signed-in', user, email };
}

async function initialUser(manager: UserManager): Promise<User | null> {
  if (window.location.pathname !== CALLBACK_PATH) return manager.getUser();
  callbackResult ??= manager.signinRedirectCallback();
  try {
    return await callbackResult;
  } finally {
    window.history.replaceState(null, '', '/');
  }
}

/**
 * Who is signed in. Never blocks on the network: the stored user (even with an expired
 * token) keeps the app usable offline, and sync simply waits for a fresh token.
 */
export function useAuth(manager: UserManager) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    initialUser(manager).then(
      (user) => live && setState(toState(user)),
      (error: unknown) => live && setState({ status: 'signed-out', error: describe(error) }),
    );
    const onLoaded = (user: User) => setState(toState(user));
    const onRenewError = (error: Error) => console.warn('token renewal failed', error.message);
    manager.events.addUserLoaded(onLoaded);
    manager.events.addSilentRenewError(onRenewError);
    return () => {
      live = false;
      manager.events.removeUserLoaded(onLoaded);
      manager.events.removeSilentRenewError(onRenewError);
    };
  }, [manager]);

  const signIn = useCallback(async () => {
    try {
      await manager.signinRedirect();
    } catch (error) {
      setState({
        status: 'signed-out',
        error: `Could not reach the sign-in service. ${describe(error)}`,
      });
    }
  }, [manager]);

  // Stable: OnlineApp's sign-out effect depends on it, and a new function each render re-ran
  // that effect, so one sign-out visited the end-session page twice ("xsrf token invalid").
  const setSignedOut = useCallback(() => setState({ status: 'signed-out' }), []);
  return { state, signIn, setSignedOut };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
