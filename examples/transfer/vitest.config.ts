import { defineConfig } from 'vitest/config';

// Generous limits: CI runs every package's tests on a loaded 2-core machine. The dataset cache is pointed at a
// folder that does not exist, so tests without --root run on the generated stand-in whatever the machine holds
// (a named --root must hold CIFAR: the stand-in stands only for a missing cache).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { DLKIT_DATA_DIR: '/nonexistent-dlkit-data-cache' },
  },
});
