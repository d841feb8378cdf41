import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ['**/*.test.ts'],
    environment: 'node',
    // Each device has an IndexedDB of its own; the global one holds the browser's account
    // registry, which the app's sign-out (removeLocalData) writes.
    setupFiles: ['fake-indexeddb/auto'],
    // A hang guard, not a speed check: the planted-bug runs take ~20 s alone, minutes on a loaded machine.
    testTimeout: 600_000,
  },
});
