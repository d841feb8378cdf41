import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect } from 'react';
import { type ChatDb, totalUnread } from '../db/index.ts';

const TITLE = 'ChatScape';

type BadgeNavigator = Navigator & {
  setAppBadge?: (count?: number) => Promise<void>;
  clearAppBadge?: () => Promise<void>;
};

/** The unread total in the tab title, "(3) ChatScape", and on the installed app's icon. */
export function useUnreadBadge(db: ChatDb) {
  const unread = useLiveQuery(() => totalUnread(db), [db]) ?? 0;
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${TITLE}` : TITLE;
    const nav = navigator as BadgeNavigator;
    const update = unread > 0 ? nav.setAppBadge?.(unread) : nav.clearAppBadge?.();
    update?.catch(() => undefined);
  }, [unread]);
  useEffect(
    () => () => {
      document.title = TITLE;
      (navigator as BadgeNavigator).clearAppBadge?.().catch(() => undefined);
    },
    [],
  );
}
