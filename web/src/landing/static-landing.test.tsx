import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppConfig, OnlineConfig } from '../config/config.ts';
import { captureInstallPrompt } from '../features/install/install-prompt.ts';
import { prerenderLanding } from './prerender.tsx';
import { wireLanding } from './static-landing.ts';

const online: OnlineConfig = {
  mode: 'online',
  apiURL: 'https://chat.example',
  authority: 'https://id.example',
  clientID: 'web',
  scope: 'openid email profile',
  redirectPath: '/callback',
  postLogoutPath: '/',
};

let root: HTMLDivElement;
let stop: (() => void) | undefined;
const signInButton = () => root.querySelector<HTMLButtonElement>('[data-landing="sign-in"]');
const alert = () => root.querySelector<HTMLElement>('[role="alert"]');
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const setOnline = (value: boolean) => {
  vi.spyOn(navigator, 'onLine', 'get').mockReturnValue(value);
  window.dispatchEvent(new Event(value ? 'online' : 'offline'));
};

beforeEach(() => {
  root = document.createElement('div');
  // The test's own copy of what the build writes into index.html.
  root.innerHTML = prerenderLanding();
  document.body.append(root);
});
afterEach(() => {
  stop?.();
  root.remove();
  vi.restoreAllMocks();
});

function wire(config: AppConfig | Error, signIn = vi.fn(async () => undefined)) {
  const onStartApp = vi.fn();
  const loadConfig = vi.fn(async () => {
    if (config instanceof Error) throw config;
    return config;
  });
  stop = wireLanding(root, { onStartApp, loadConfig, signIn });
  return { onStartApp, loadConfig, signIn };
}

describe('wireLanding (the prerendered landing page without React)', () => {
  it('enables Sign in, which redirects to the configured provider', async () => {
    expect(signInButton()?.disabled).toBe(true);
    const { signIn, onStartApp } = wire(online);
    expect(signInButton()?.disabled).toBe(false);
    signInButton()?.click();
    await flush();
    expect(signIn).toHaveBeenCalledWith(online);
    expect(onStartApp).not.toHaveBeenCalled();
  });

  it('hands over to the app when config.json has no apiURL (demo mode)', async () => {
    const { onStartApp } = wire({ mode: 'demo' });
    await flush();
    expect(onStartApp).toHaveBeenCalled();
  });

  it('says why sign-in failed, in an alert, and lets the visitor try again', async () => {
    const { signIn } = wire(
      online,
      vi.fn(async () => {
        throw new Error('Failed to fetch');
      }),
    );
    signInButton()?.click();
    await flush();
    expect(alert()?.hidden).toBe(false);
    expect(alert()?.textContent).toBe('Could not reach the sign-in service. Failed to fetch');
    expect(signInButton()?.disabled).toBe(false);
    signIn.mockResolvedValueOnce(undefined);
    signInButton()?.click();
    await flush();
    expect(alert()?.hidden).toBe(true);
  });

  it('offline: Sign in is disabled and the page says why; back online, it works again', async () => {
    wire(new Error('offline'));
    setOnline(false);
    expect(signInButton()?.disabled).toBe(true);
    const note = root.querySelector<HTMLElement>('.landing__note');
    expect(note?.hidden).toBe(false);
    expect(note?.textContent).toBe('You are offline. Connect to sign in.');
    setOnline(true);
    expect(signInButton()?.disabled).toBe(false);
    expect(note?.hidden).toBe(true);
  });

  it('removes Install app where the browser has no install prompt (Firefox, Safari)', () => {
    let owner: object | null = window;
    while (owner && !Object.hasOwn(owner, 'onbeforeinstallprompt')) {
      owner = Object.getPrototypeOf(owner);
    }
    const descriptor = owner && Object.getOwnPropertyDescriptor(owner, 'onbeforeinstallprompt');
    if (owner) delete (owner as { onbeforeinstallprompt?: unknown }).onbeforeinstallprompt;
    try {
      expect(root.querySelector('[data-landing="install"]')).not.toBeNull();
      wire(online);
      expect(root.querySelector('[data-landing="install"]')).toBeNull();
      expect(root.textContent).not.toContain('Install becomes available');
    } finally {
      if (owner && descriptor) Object.defineProperty(owner, 'onbeforeinstallprompt', descriptor);
    }
  });

  it('keeps Install app disabled with its reason until the browser offers it', async () => {
    (window as { onbeforeinstallprompt?: unknown }).onbeforeinstallprompt ??= null;
    captureInstallPrompt();
    wire(online);
    const install = root.querySelector<HTMLButtonElement>('[data-landing="install"]');
    expect(install?.disabled).toBe(true);
    expect(root.textContent).toContain('Install becomes available');
    const offer = Object.assign(new Event('beforeinstallprompt', { cancelable: true }), {
      prompt: vi.fn(async () => undefined),
      userChoice: Promise.resolve({ outcome: 'dismissed' as const }),
    });
    window.dispatchEvent(offer);
    expect(install?.disabled).toBe(false);
    expect(install?.hasAttribute('aria-describedby')).toBe(false);
    expect(root.textContent).not.toContain('Install becomes available');
    install?.click();
    expect(offer.prompt).toHaveBeenCalled();
  });
});
