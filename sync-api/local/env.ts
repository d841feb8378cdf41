import { resolve } from 'node:path';

/** Repository root (sync-api/local/ is two levels down). */
export const repoRoot = resolve(import.meta.dirname, '../..');

export interface LocalEnv {
  appPort: number;
  apiPort: number;
  oidcPort: number;
  dynamoPort: number;
  dataDir: string;
}

function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new Error(`${name} must be a port number (0-65535), got "${raw}"`);
  }
  return value;
}

/** The local stack's environment, parsed once. */
export function localEnv(env: NodeJS.ProcessEnv = process.env): LocalEnv {
  return {
    appPort: port(env, 'CHATSCAPE_APP_PORT', 8080),
    apiPort: port(env, 'CHATSCAPE_API_PORT', 8081),
    oidcPort: port(env, 'CHATSCAPE_OIDC_PORT', 8082),
    dynamoPort: port(env, 'CHATSCAPE_DYNAMO_PORT', 8083),
    // npm runs workspace scripts inside sync-api/; a relative path means the caller's directory.
    dataDir: env.CHATSCAPE_DATA_DIR
      ? resolve(env.INIT_CWD ?? process.cwd(), env.CHATSCAPE_DATA_DIR)
      : resolve(repoRoot, '.data'),
  };
}
