import { defineConfig } from 'vitest/config';

/**
 * The vitest settings of the examples that fall back to the generated CIFAR stand-in (cifar-cnn, cnn-features-svm,
 * transfer): generous limits, as CI runs every package's tests on a loaded 2-core machine, and a dataset cache that
 * does not exist, so tests without --root run on the stand-in whatever this machine holds (a named --root must hold
 * CIFAR: the stand-in stands only for a missing cache). Each of them re-exports it as its vitest.config.ts.
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    env: { DLKIT_DATA_DIR: '/nonexistent-dlkit-data-cache' },
  },
});
