import { test as base } from '@playwright/test';
import { newUser, type StackInfo, stackFromEnv, type TestUser } from './stack.ts';

export interface Fixtures {
  /** The suite's local stack (started by global-setup.ts). */
  stack: StackInfo;
  /** Creates a fresh account: `user('alice')` → alice-1a2b3c4d@example.com. */
  user: (name: string) => Promise<TestUser>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps this way
  stack: async ({}, use) => use(stackFromEnv()),
  user: async ({ stack }, use) => use((name) => newUser(stack, name)),
});

export { expect } from '@playwright/test';
