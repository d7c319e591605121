import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Tests choose the engine with @dlkit/backend (the library never does). Until the lead adds
    // "@dlkit/backend": "workspace:^" to devDependencies, resolve it from the workspace folder.
    alias: { '@dlkit/backend': fileURLToPath(new URL('../backend/dist/index.js', import.meta.url)) },
  },
  test: { include: ['test/**/*.test.ts'], testTimeout: 60_000, pool: 'forks' },
});
