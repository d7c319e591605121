import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/png.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // png.ts reads import.meta.url only in the ESM build (the CJS build takes __filename); the shim keeps
  // esbuild from warning about import.meta in the CJS output.
  shims: true,
});
