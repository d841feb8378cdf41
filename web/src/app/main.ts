import { captureInstallPrompt } from '../features/install/install-prompt.ts';
import { registerServiceWorker } from '../features/install/service-worker.ts';
import { showStartFailed } from '../landing/start-failed.ts';
import { startMode } from '../landing/start-mode.ts';
import { wireLanding } from '../landing/static-landing.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/chat.css';
import './styles/lifecycle.css';
import './styles/search.css';

captureInstallPrompt();
registerServiceWorker();

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

let stopLanding: (() => void) | undefined;

/**
 * The chat app (React, Dexie, sync: ./start-app.tsx and all it imports) is a chunk of its own.
 * A signed-out visitor gets the prerendered landing page with no React at all; the app's
 * chunks arrive by the idle-time prefetch index.html asks for and the worker's precache.
 */
function startApp(): void {
  stopLanding?.();
  stopLanding = undefined;
  import('./start-app.tsx').then(
    ({ renderApp }) => renderApp(root as HTMLElement),
    (error: unknown) => showStartFailed(root as HTMLElement, error),
  );
}

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
})();
if (startMode(window.location.pathname, storage) === 'app') startApp();
else stopLanding = wireLanding(root, { onStartApp: startApp });
