import { defineConfig } from 'vitest/config';

// Generous limits: CI runs every package's tests on a loaded 2-core machine.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000, pool: 'forks' },
});
