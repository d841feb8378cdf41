import { renderHook, waitFor } from '@testing-library/react';
import type { UserManager } from 'oidc-client-ts';
import { expect, it } from 'vitest';
import { useAuth } from './use-auth.ts';

const manager = {
  getUser: async () => null,
  events: {
    addUserLoaded: () => {},
    removeUserLoaded: () => {},
    addSilentRenewError: () => {},
    removeSilentRenewError: () => {},
  },
} as unknown as UserManager;

it('setSignedOut stays the same function across renders (the sign-out effect runs once)', async () => {
  // OnlineApp signs out in an effect that depends on setSignedOut: a new function on every
  // render re-ran it, and one sign-out visited the end-session page twice (CI, journey 22:
  // "Sign-in error: xsrf token invalid").
  const { result } = renderHook(() => useAuth(manager));
  const first = result.current.setSignedOut;
  await waitFor(() => expect(result.current.state.status).toBe('signed-out'));
  expect(result.current.setSignedOut).toBe(first);
});
