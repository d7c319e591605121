import { defineConfig } from 'vitest/config';

// The global setup packs every public package once (pnpm pack) and hands the folder to both test files.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/pack-all.global.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
