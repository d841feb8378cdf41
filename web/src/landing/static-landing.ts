import type { OnlineConfig } from '../config/config.ts';
import { loadConfig as defaultLoadConfig } from '../config/load-config.ts';
import {
  canInstall,
  installState,
  promptInstall,
  subscribeInstallState,
} from '../features/install/install-prompt.ts';

export interface StaticLandingDeps {
  /** Hands the page to the chat app (demo mode: a deployment without apiURL has no landing page). */
  onStartApp: () => void;
  loadConfig?: typeof defaultLoadConfig;
  /** Default: the OpenID client (its own chunk, fetched on the click) redirects to the provider. */
  signIn?: (config: OnlineConfig) => Promise<void>;
}

async function redirectToProvider(config: OnlineConfig): Promise<void> {
  const { createUserManager } = await import('../features/auth/user-manager.ts');
  await createUserManager(config).signinRedirect();
}

function paragraph(className: string): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = className;
  p.hidden = true;
  return p;
}

/**
 * Brings index.html's prerendered landing page (LandingView) to life without React or the
 * chat app: Sign in (disabled until now, and while offline), the offline note, a sign-in
 * error, and Install app as the browser offers it — what <Landing> does once the app runs.
 * Returns a function that removes every listener (before the app takes the page over).
 */
export function wireLanding(root: ParentNode, deps: StaticLandingDeps): () => void {
  const signIn = root.querySelector<HTMLButtonElement>('[data-landing="sign-in"]');
  const actions = signIn?.closest('.landing__actions');
  if (!signIn || !actions) throw new Error('index.html has no prerendered landing page');
  const loadConfig = deps.loadConfig ?? defaultLoadConfig;
  const note = paragraph('landing__note');
  note.textContent = 'You are offline. Connect to sign in.';
  const error = paragraph('landing__error');
  error.setAttribute('role', 'alert');
  actions.after(note, error);

  let busy = false;
  const showOnline = () => {
    signIn.disabled = busy || !navigator.onLine;
    note.hidden = navigator.onLine;
  };
  const showError = (message: string | null) => {
    error.hidden = message === null;
    error.textContent = message ?? '';
  };
  signIn.addEventListener('click', async () => {
    showError(null);
    busy = true;
    showOnline();
    try {
      const config = await loadConfig();
      if (config.mode === 'demo') return deps.onStartApp();
      await (deps.signIn ?? redirectToProvider)(config);
    } catch (e) {
      showError(
        `Could not reach the sign-in service. ${e instanceof Error ? e.message : String(e)}`,
      );
    } finally {
      busy = false;
      showOnline();
    }
  });
  window.addEventListener('online', showOnline);
  window.addEventListener('offline', showOnline);
  showOnline();

  const unsubscribe = wireInstall(root);
  // Offline on a first visit this fails: the page says so, and Sign in reports the rest.
  loadConfig().then(
    (config) => config.mode === 'demo' && deps.onStartApp(),
    () => undefined,
  );
  return () => {
    window.removeEventListener('online', showOnline);
    window.removeEventListener('offline', showOnline);
    unsubscribe();
  };
}

/** The prerendered "Install app" (disabled, with its hint) follows the browser's offer. */
function wireInstall(root: ParentNode): () => void {
  const button = root.querySelector<HTMLButtonElement>('[data-landing="install"]');
  if (!button) return () => undefined;
  const hintId = button.getAttribute('aria-describedby');
  const hint = hintId ? root.querySelector(`[id="${CSS.escape(hintId)}"]`) : null;
  button.addEventListener('click', () => void promptInstall());
  const show = () => {
    const { prompt, installed } = installState();
    if (installed || (!prompt && !canInstall())) {
      button.remove();
      hint?.remove();
    } else if (prompt) {
      button.disabled = false;
      button.removeAttribute('aria-describedby');
      hint?.remove();
    }
  };
  show();
  return subscribeInstallState(show);
}
