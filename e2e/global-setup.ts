/**
 * Starts the suite's own local stack (in-memory dynalite, dev OpenID provider, API Gateway
 * adapter, app server) on free ports, never the one `npm start` runs. Workers are started
 * after this and inherit the environment, so the endpoints reach the tests through
 * E2E_STACK (see support/stack.ts). The returned function is the global teardown.
 */
import { existsSync } from 'node:fs';
import { startLocalStack } from '../sync-api/local/stack.ts';
import { STACK_ENV, webDist } from './support/stack.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (!existsSync(`${webDist}/index.html`)) {
    throw new Error(
      `${webDist}/index.html is missing: build the web app first with \`npm run build -w web\` ` +
        '(npm test does it before the journeys).',
    );
  }
  const stack = await startLocalStack({ dataDir: null, webDist, quiet: true });
  const { appURL, apiURL, authority, clientID, dynamoEndpoint, tables } = stack;
  const { realtimeURL, realtimeManagementURL } = stack; // live delivery (e2e/support/live.ts)
  process.env[STACK_ENV] = JSON.stringify({
    appURL,
    apiURL,
    authority,
    clientID,
    dynamoEndpoint,
    tables,
    realtimeURL,
    realtimeManagementURL,
    // Web Push (e2e/support/push.ts): the local push service's control API and the VAPID key.
    push: {
      service: { origin: stack.push.service.origin },
      vapidPublicKey: stack.push.vapidPublicKey,
    },
  });
  // Playwright's default `baseURL`, so tests can page.goto('/').
  process.env.PLAYWRIGHT_TEST_BASE_URL = appURL;
  return () => stack.stop();
}
