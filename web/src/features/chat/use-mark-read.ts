import { useEffect, useState } from 'react';
import { type ChatDb, type LocalMessage, markRead } from '../../db/index.ts';

function useVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const update = () => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', update);
    return () => document.removeEventListener('visibilitychange', update);
  }, []);
  return visible;
}

/**
 * While a conversation is on screen with its newest messages in view (`inView`: scrolled to
 * the bottom), what has arrived in it counts as read.
 */
export function useMarkRead(
  db: ChatDb,
  peer: string,
  messages: LocalMessage[] | undefined,
  inView: boolean,
  afterWrite: () => void = () => {},
) {
  const visible = useVisible();
  useEffect(() => {
    if (!visible || !inView || !messages) return;
    let newest = 0;
    for (const m of messages) {
      if (m.sender !== db.self && m.serverTime !== null) newest = Math.max(newest, m.serverTime);
    }
    // A queued read receipt goes at once: the user's other devices and the peer see it live.
    if (newest > 0) void markRead(db, peer, newest).then((queued) => queued && afterWrite());
  }, [db, peer, messages, visible, inView, afterWrite]);
}
