interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export interface InstallState {
  /** The deferred prompt; null until the browser offers installation. */
  prompt: BeforeInstallPromptEvent | null;
  installed: boolean;
}

let state: InstallState = { prompt: null, installed: false };
const listeners = new Set<() => void>();

const set = (next: Partial<InstallState>) => {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
};

/**
 * Call before React renders: `beforeinstallprompt` can fire before any component mounts.
 * Installed means running standalone, or the browser said `appinstalled`.
 */
export function captureInstallPrompt(): void {
  const standalone = window.matchMedia?.('(display-mode: standalone)').matches ?? false;
  set({ installed: standalone });
  window.addEventListener('beforeinstallprompt', (event) => {
    event.preventDefault();
    set({ prompt: event as BeforeInstallPromptEvent });
  });
  window.addEventListener('appinstalled', () => set({ installed: true, prompt: null }));
}

/** Whether this browser has an install prompt at all (Chromium-based browsers do). */
export function canInstall(): boolean {
  return 'onbeforeinstallprompt' in window;
}

export async function promptInstall(): Promise<void> {
  const prompt = state.prompt;
  if (!prompt) return;
  await prompt.prompt();
  const choice = await prompt.userChoice;
  set(choice.outcome === 'accepted' ? { installed: true, prompt: null } : { prompt: null });
}

/** The current state; the same object until it changes. */
export function installState(): InstallState {
  return state;
}

/** Calls `listener` on every change; returns the unsubscribe. No React here: the landing page uses it too. */
export function subscribeInstallState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
