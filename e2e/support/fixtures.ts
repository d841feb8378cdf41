import { type BrowserContext, test as base } from '@playwright/test';
import { newUser, type StackInfo, stackFromEnv, type TestUser } from './stack.ts';

export interface Fixtures {
  /** The suite's local stack (started by global-setup.ts). */
  stack: StackInfo;
  /** Creates a fresh account: `user('alice')` → alice-1a2b3c4d@example.com. */
  user: (name: string) => Promise<TestUser>;
  /** Another browser profile (another device), with the config's options; closed after the test. */
  newContext: () => Promise<BrowserContext>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright fixtures take their deps this way
  stack: async ({}, use) => use(stackFromEnv()),
  user: async ({ stack }, use) => use((name) => newUser(stack, name)),
  newContext: async ({ browser }, use) => {
    const opened: BrowserContext[] = [];
    await use(async () => {
      const context = await browser.newContext();
      opened.push(context);
      return context;
    });
    await Promise.all(opened.map((context) => context.close()));
  },
});

export { expect } from '@playwright/test';
