import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    // Each device has an IndexedDB of its own; the global one holds the browser's account
    // registry, which the app's sign-out (removeLocalData) writes.
    setupFiles: ['fake-indexeddb/auto'],
    testTimeout: 120_000,
  },
});
