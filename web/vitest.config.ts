import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Two projects: data and sync code in node with fake-indexeddb; components in happy-dom.
export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['src/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['fake-indexeddb/auto'],
        },
      },
      {
        extends: true,
        test: {
          name: 'dom',
          include: ['src/**/*.test.tsx'],
          environment: 'happy-dom',
          setupFiles: ['fake-indexeddb/auto', './src/test/setup-dom.ts'],
        },
      },
    ],
  },
});
