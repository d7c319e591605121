#!/usr/bin/env node
// Writes docs/index.html: one page linking every public package's TypeDoc output (packages/<pkg>/docs/api).
// Run by the root `pnpm run docs` after `turbo run docs`. Usage: node docs/make-index.mjs [--root DIR]
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/**
 * The public packages under `<root>/packages`, with whether their API docs have been generated.
 * @param {string} root repository root
 * @returns {{ name: string, version: string, description: string, folder: string, api: string | null }[]}
 */
export function listPackages(root) {
  const packagesDir = join(root, 'packages');
  if (!existsSync(packagesDir)) return [];
  const found = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const manifestPath = join(packagesDir, folder, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    if (manifest.private === true) continue;
    const apiIndex = join(packagesDir, folder, 'docs', 'api', 'index.html');
    found.push({
      name: manifest.name,
      version: manifest.version,
      description: manifest.description ?? '',
      folder,
      api: existsSync(apiIndex) ? apiIndex : null,
    });
  }
  return found;
}

/**
 * The index page's HTML. Links are relative to `outDir`, so the page works from a file:// URL or any static host.
 * @param {ReturnType<typeof listPackages>} packages
 * @param {string} outDir folder the page is written to
 */
export function renderIndex(packages, outDir) {
  const rows = packages
    .map((pkg) => {
      const link =
        pkg.api === null
          ? '<em>not generated — run <code>pnpm run docs</code></em>'
          : `<a href="${escapeHtml(relative(outDir, pkg.api).split('\\').join('/'))}">API reference</a>`;
      return (
        `<tr><td><code>${escapeHtml(pkg.name)}</code></td><td>${escapeHtml(pkg.version)}</td>` +
        `<td>${escapeHtml(pkg.description)}</td><td>${link}</td></tr>`
      );
    })
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dlkit API reference</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #ddd; }
code { font-size: 90%; }
</style>
</head>
<body>
<h1>dlkit API reference</h1>
<p>Generated from the TSDoc comments of each package by <code>pnpm run docs</code> (TypeDoc).</p>
<table>
<thead><tr><th>package</th><th>version</th><th>what it is</th><th>docs</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
</body>
</html>
`;
}

/**
 * Writes `<root>/docs/index.html` (atomically) and returns its path and the packages listed.
 * @param {string} root repository root
 */
export function writeIndex(root) {
  const outDir = join(root, 'docs');
  const packages = listPackages(root);
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, 'index.html');
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, renderIndex(packages, outDir));
  renameSync(tmp, file);
  return { file, packages };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--root');
  const root =
    at >= 0 && process.argv[at + 1] !== undefined
      ? resolve(process.argv[at + 1])
      : join(dirname(fileURLToPath(import.meta.url)), '..');
  const { file, packages } = writeIndex(root);
  const missing = packages.filter((pkg) => pkg.api === null).map((pkg) => pkg.name);
  process.stdout.write(`docs index: ${relative(process.cwd(), file) || file} (${packages.length} packages)\n`);
  if (missing.length > 0) {
    process.stderr.write(`no API docs generated for ${missing.join(', ')}: run \`pnpm run docs\`\n`);
    process.exitCode = 1;
  }
}
