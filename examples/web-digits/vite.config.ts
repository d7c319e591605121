import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
    rollupOptions: {
      input: { main: resolve(here, 'index.html'), smoke: resolve(here, 'smoke.html') },
      // Node built-ins that the packages' file functions import lazily (never called in the page) become Vite's browser externals.
      onwarn(warning, warn) {
        if (warning.message.includes('__vite-browser-external')) return;
        warn(warning);
      },
    },
  },
  logLevel: 'warn',
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
