import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useState } from 'react';
import { useSession } from '../lib/session.tsx';
import { usePushKey } from './push-context.tsx';
import { getShowPreviews, getSubscribedEndpoint, setShowPreviews } from './settings.ts';
import { disablePush, enablePush, type PushSupport, pushSupport } from './subscribe.ts';

export interface PushState {
  /** False where the deployment has no VAPID key or the browser has no Push. */
  available: boolean;
  support: PushSupport;
  /** This device is subscribed (as far as this device knows). */
  enabled: boolean;
  showPreviews: boolean;
  busy: boolean;
  /** Why the last attempt did not work, said plainly. */
  problem: string | null;
  enable(): Promise<boolean>;
  disable(): Promise<void>;
  setPreviews(on: boolean): Promise<void>;
}

export function usePush(): PushState {
  const { db, afterWrite } = useSession();
  const key = usePushKey();
  const [support, setSupport] = useState<PushSupport>(() => pushSupport());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const stored = useLiveQuery(
    async () => ({
      enabled: (await getSubscribedEndpoint(db)) !== undefined,
      showPreviews: await getShowPreviews(db),
    }),
    [db],
  );
  const enable = useCallback(async () => {
    if (!key) return false;
    setBusy(true);
    const result = await enablePush(db, key);
    setBusy(false);
    setSupport(pushSupport());
    setProblem(result.ok ? null : result.message);
    if (result.ok) afterWrite();
    return result.ok;
  }, [db, key, afterWrite]);
  const disable = useCallback(async () => {
    setBusy(true);
    await disablePush(db).catch((error: unknown) => console.warn('push: disable failed', error));
    setBusy(false);
    afterWrite();
  }, [db, afterWrite]);
  const setPreviews = useCallback((on: boolean) => setShowPreviews(db, on), [db]);
  return {
    available: key !== null && support !== 'unsupported',
    support,
    enabled: stored?.enabled ?? false,
    showPreviews: stored?.showPreviews ?? true,
    busy,
    problem,
    enable,
    disable,
    setPreviews,
  };
}
