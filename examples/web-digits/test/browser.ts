import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';

/** Debian's chromium (or CHROMIUM_PATH). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Fails (never skips) when chromium is missing, saying how to install it. */
export function requireChromium(): string {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `web-digits e2e: no chromium at ${CHROMIUM}. Install it with \`apt-get install chromium\` (CI does), ` +
        'or point CHROMIUM_PATH at a Chromium/Chrome binary.',
    );
  }
  return CHROMIUM;
}

/** Builds the pages with Vite into `outDir` and serves them on 127.0.0.1 at a free port. */
export async function buildAndServe(outDir: string): Promise<{ url: string; server: PreviewServer }> {
  // No minification, size report or source maps: the test checks behaviour, not the bundle, and must be quick.
  const config = {
    root: ROOT,
    configFile: resolve(ROOT, 'vite.config.ts'),
    logLevel: 'error' as const,
    build: { outDir, minify: false, reportCompressedSize: false, sourcemap: false },
  };
  await build(config);
  const server = await preview({ ...config, preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return { url, server };
}

/** Headless chromium with a software WebGL (SwiftShader), so the WebGL path runs without a GPU. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: requireChromium(),
    headless: true,
    args: ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
  });
}
