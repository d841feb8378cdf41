export { InstallButton, InstallButtonView } from './install-button.tsx';
export { captureInstallPrompt } from './install-prompt.ts';
export {
  askWorkerToFlush,
  registerServiceWorker,
  requestBackgroundSync,
} from './service-worker.ts';
export { UpdatePrompt } from './update-prompt.tsx';
