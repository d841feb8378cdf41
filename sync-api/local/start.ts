import { join } from 'node:path';
import { localEnv, repoRoot } from './env.ts';
import { startLocalStack } from './stack.ts';
import { demoEmails, demoPassword } from './users.ts';

const env = localEnv();
const stack = await startLocalStack({
  dataDir: env.dataDir,
  appPort: env.appPort,
  apiPort: env.apiPort,
  oidcPort: env.oidcPort,
  dynamoPort: env.dynamoPort,
  webDist: join(repoRoot, 'web', 'dist'),
});

console.log(`
ChatScape local stack is running.

  App        ${stack.appURL}/
  Sync API   ${stack.apiURL}/sync  (proxied to the API Gateway stand-in at ${stack.apiEndpoint})
  Sign-in    ${stack.authority}  (OpenID issuer, client id "${stack.clientID}")
  DynamoDB   ${stack.dynamoEndpoint}  (dynalite)
  Data       ${env.dataDir}

Demo users (password "${demoPassword}"): ${demoEmails.join(', ')}
Add a user: npx tsx sync-api/local/add-user.ts <email> <password>
            (or "Create account" on the sign-in page)

Press Ctrl-C to stop.
`);

let stopping = false;
const shutdown = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  console.log(`\n${signal}: stopping…`);
  const force = setTimeout(() => {
    console.error('Stop timed out; exiting.');
    process.exit(1);
  }, 10_000);
  force.unref();
  stack.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('Stop failed', error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
