import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureInstallPrompt } from '../features/install/install-prompt.ts';
import { registerServiceWorker } from '../features/install/service-worker.ts';
import { LandingStart } from '../landing/landing-start.tsx';
import { StartFailed } from '../landing/start-failed.tsx';
import { startMode } from '../landing/start-mode.ts';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/chat.css';

captureInstallPrompt();
registerServiceWorker();

const element = document.getElementById('root');
if (!element) throw new Error('#root is missing from index.html');
const root = createRoot(element);

/**
 * The chat app is a chunk of its own (./app.tsx and everything it imports): a signed-out
 * visitor downloads it only as the idle-time prefetch index.html asks for (and the service
 * worker's precache), never before the landing page is up.
 */
function startApp(): void {
  import('./app.tsx').then(
    ({ App }) =>
      root.render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    (error: unknown) => root.render(<StartFailed error={error} />),
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
else {
  root.render(
    <StrictMode>
      <LandingStart onStartApp={startApp} />
    </StrictMode>,
  );
}
