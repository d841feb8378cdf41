import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LandingStart } from './landing-start.tsx';

const signinRedirect = vi.fn<() => Promise<void>>();
vi.mock('../features/auth/user-manager.ts', () => ({
  createUserManager: () => ({ signinRedirect }),
}));

const online = {
  apiURL: 'https://chat.example',
  authority: 'https://id.example',
  clientID: 'web',
  redirectPath: '/callback',
  postLogoutPath: '/',
};

function serveConfig(body: unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(
      async () =>
        new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } }),
    ),
  );
}

beforeEach(() => {
  localStorage.clear();
  signinRedirect.mockReset();
});
afterEach(() => vi.unstubAllGlobals());

describe('LandingStart (the landing page before the app is loaded)', () => {
  it('hands over to the app when config.json has no apiURL (demo mode has no landing page)', async () => {
    serveConfig({});
    const onStartApp = vi.fn();
    render(<LandingStart onStartApp={onStartApp} />);
    await waitFor(() => expect(onStartApp).toHaveBeenCalledTimes(1));
  });

  it('Sign in redirects to the provider configured in config.json, without the app', async () => {
    serveConfig(online);
    signinRedirect.mockResolvedValue(undefined);
    const onStartApp = vi.fn();
    render(<LandingStart onStartApp={onStartApp} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(signinRedirect).toHaveBeenCalledTimes(1));
    expect(onStartApp).not.toHaveBeenCalled();
  });

  it('says so when the sign-in service cannot be reached', async () => {
    serveConfig(online);
    signinRedirect.mockRejectedValue(new Error('Failed to fetch'));
    render(<LandingStart onStartApp={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Could not reach the sign-in service. Failed to fetch',
    );
  });
});
