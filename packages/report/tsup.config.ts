import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/png.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // The PNG entry finds its wasm and font files next to itself with import.meta.url, also in the CJS build.
  shims: true,
});
