import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    shims: true,
    // Bundle tfjs-core's gradient and chained-op registrations (see src/register-gradients.ts).
    noExternal: [/@tensorflow\/tfjs-core\/dist\/(register_all_gradients|public\/chained_ops)/],
  },
  {
    // The browser entry (@dlkit/backend/browser): no shims, whose ESM form imports node:path and node:url.
    entry: { browser: 'src/browser.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    target: 'es2022',
    noExternal: [/@tensorflow\/tfjs-core\/dist\/(register_all_gradients|public\/chained_ops)/],
  },
  {
    // The kernel worker (src/parallel/worker.ts): always loaded as ESM, from either build.
    entry: { 'parallel-worker': 'src/parallel/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'es2022',
  },
]);
