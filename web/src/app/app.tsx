import { useCallback, useEffect, useState } from 'react';
import type { AppConfig } from '../config/config.ts';
import { loadConfig } from '../config/load-config.ts';
import { DemoSession } from './demo-session.tsx';
import { OnlineApp } from './online-app.tsx';
import { Splash } from './splash.tsx';

type ConfigState =
  | { status: 'loading' }
  | { status: 'ready'; config: AppConfig }
  | { status: 'error'; message: string };

/** The composition root: runtime config first, then demo mode or the signed-in app. */
export function App() {
  const [state, setState] = useState<ConfigState>({ status: 'loading' });
  const load = useCallback(() => {
    setState({ status: 'loading' });
    loadConfig().then(
      (config) => setState({ status: 'ready', config }),
      (error: unknown) => setState({ status: 'error', message: String(error) }),
    );
  }, []);
  useEffect(() => load(), [load]);

  if (state.status === 'loading') return <Splash />;
  if (state.status === 'error') {
    return (
      <main id="main" className="splash" role="alert">
        <h1>ChatScape cannot start</h1>
        <p>{state.message}</p>
        <button type="button" className="button" onClick={load}>
          Try again
        </button>
      </main>
    );
  }
  return state.config.mode === 'demo' ? <DemoSession /> : <OnlineApp config={state.config} />;
}
