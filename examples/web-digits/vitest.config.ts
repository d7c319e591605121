import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The e2e file builds the pages with Vite and drives chromium: allow for a loaded machine.
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
