import { useEffect, useMemo, useState } from 'react';
import { DEMO_SELF, deleteChatDb, openChatDb, PULL_CURSOR, setMeta } from '../db/index.ts';
import type { SyncTransport } from '../sync/index.ts';
import { SessionShell } from './session-shell.tsx';

const demoToken = async () => 'demo';

/**
 * Demo mode (no apiURL in config.json): no sign-in; the real sync engine talks to the sync
 * core running inside this page over an in-memory store, with an echo bot. That server is
 * new on every load, so the cursor starts over; the device's database keeps the history.
 */
export function DemoSession() {
  const db = useMemo(() => openChatDb(DEMO_SELF, { demo: true }), []);
  const [transport, setTransport] = useState<SyncTransport | null>(null);
  const [kickSignal, setKickSignal] = useState(0);

  useEffect(() => {
    let live = true;
    void (async () => {
      const welcome = (await db.contacts.count()) === 0;
      await setMeta(db, PULL_CURSOR, null);
      const { createDemoServer } = await import('../sync/memory.ts');
      const server = await createDemoServer(DEMO_SELF, welcome);
      if (!live) return;
      server.onActivity(() => setKickSignal((n) => n + 1));
      setTransport(server.transport);
    })();
    return () => {
      live = false;
    };
  }, [db]);

  const clear = async () => {
    await deleteChatDb(db);
    window.location.assign('/');
  };

  return (
    <SessionShell
      db={db}
      demo
      transport={transport}
      getToken={demoToken}
      onSignOut={() => void clear()}
      kickSignal={kickSignal}
    />
  );
}
