import { useSyncExternalStore } from 'react';
import { type InstallState, installState, subscribeInstallState } from './install-prompt.ts';

export function useInstallState(): InstallState {
  return useSyncExternalStore(subscribeInstallState, installState);
}
