import { act, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { AppConfig } from '../config/config.ts';

// OnlineApp's sign-out, with its collaborators replaced: the real ones are tested on their own
// (sign-out.test.ts, use-auth.test.tsx) and in journeys 10, 11 and 22.
const calls = vi.hoisted(() => ({ signOut: 0, finish: () => {} }));

vi.mock('../features/auth/index.ts', () => ({
  createUserManager: (config: unknown) => ({ config, stopSilentRenew: () => {} }),
  useAuth: () => ({
    state: { status: 'signed-in', email: 'alice@example.com', user: {} },
    signIn: async () => {},
    setSignedOut: () => {},
  }),
  signOut: () => {
    calls.signOut++;
    // Still on its way to the end-session page while the app re-renders.
    return new Promise<void>((resolve) => {
      calls.finish = resolve;
    });
  },
  watchSignOutElsewhere: () => () => {},
  Landing: () => <p>landing</p>,
}));
vi.mock('../push/index.ts', () => ({
  PushKeyProvider: ({ children }: { children: unknown }) => children,
  stopPushForSignOut: async () => {},
}));
const db = vi.hoisted(() => ({ onDeleted: () => () => {} }));
vi.mock('./use-user-db.ts', () => ({ useUserDb: () => ({ db, error: null }) }));
vi.mock('./user-session.tsx', () => ({
  UserSession: ({ onSignOut }: { onSignOut: () => void }) => (
    <button type="button" onClick={onSignOut}>
      Sign out
    </button>
  ),
}));

const { OnlineApp } = await import('./online-app.tsx');

const config = (): Extract<AppConfig, { mode: 'online' }> =>
  ({ mode: 'online', apiURL: 'http://127.0.0.1:1' }) as Extract<AppConfig, { mode: 'online' }>;

afterEach(() => {
  calls.signOut = 0;
});

it('one sign-out runs once, even when the config (and so the user manager) changes meanwhile', async () => {
  const { rerender } = render(<OnlineApp config={config()} />);
  await act(async () => screen.getByRole('button', { name: 'Sign out' }).click());
  expect(screen.getByText('Signing out…')).toBeTruthy();
  expect(calls.signOut).toBe(1);
  // A new config object makes a new manager: the sign-out effect runs again, and must not
  // start a second redirect to the end-session page.
  await act(async () => rerender(<OnlineApp config={config()} />));
  expect(calls.signOut).toBe(1);
  await act(async () => calls.finish());
});
