import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: false,
    target: 'es2022',
  },
  {
    // Programs, not library entries: the worker's command line and the process one trial runs in. ESM only;
    // the library finds trial-process.js next to its own files.
    entry: ['src/worker-cli.ts', 'src/trial-process.ts'],
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
  },
]);
