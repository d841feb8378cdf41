/**
 * The suite's local stack, as the tests see it: endpoints handed over by global-setup.ts, and
 * fresh accounts so that no spec ever sees another spec's data.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { LocalStack } from '../../sync-api/local/stack.ts';
import { createAccount, type Tokens } from '../../sync-api/test/local/sign-in.ts';

export const STACK_ENV = 'CHATSCAPE_E2E_STACK';
export const repoRoot = join(import.meta.dirname, '..', '..');
export const webDist = join(repoRoot, 'web', 'dist');

export type StackInfo = Omit<LocalStack, 'stop'>;

export function stackFromEnv(): StackInfo {
  const raw = process.env[STACK_ENV];
  if (!raw)
    throw new Error(`${STACK_ENV} is not set: run the journeys with \`npx playwright test\``);
  return JSON.parse(raw) as StackInfo;
}

export const PASSWORD = 'chatscape-pass';

export interface TestUser {
  email: string;
  password: string;
  /** The tokens of the sign-up (an extra "device" for direct API calls). */
  tokens: Tokens;
}

/** A new account on the dev OpenID provider: `<name>-<random>@example.com`. */
export async function newUser(stack: StackInfo, name: string): Promise<TestUser> {
  const email = `${name}-${randomUUID().slice(0, 8)}@example.com`;
  const tokens = await createAccount(stack, email, PASSWORD);
  return { email, password: PASSWORD, tokens };
}
