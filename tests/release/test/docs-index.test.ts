import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from './support/run';
import { REPO_ROOT } from './support/workspace';

// docs/make-index.mjs: the page the root `pnpm run docs` writes to link every package's TypeDoc output.
const script = join(REPO_ROOT, 'docs', 'make-index.mjs');
const roots: string[] = [];

function fakeRepo(packages: { folder: string; name: string; private?: boolean; api: boolean }[]): string {
  const root = mkdtempSync(join(tmpdir(), 'dlkit-docs-index-'));
  roots.push(root);
  for (const pkg of packages) {
    const dir = join(root, 'packages', pkg.folder);
    mkdirSync(dir, { recursive: true });
    const manifest = { name: pkg.name, version: '1.2.3', description: `about <${pkg.folder}>`, private: pkg.private };
    writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest));
    if (pkg.api) {
      mkdirSync(join(dir, 'docs', 'api'), { recursive: true });
      writeFileSync(join(dir, 'docs', 'api', 'index.html'), '<html></html>');
    }
  }
  return root;
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('docs/make-index.mjs', () => {
  it('links every public package with generated docs, relative to docs/, and skips private ones', async () => {
    const root = fakeRepo([
      { folder: 'alpha', name: '@dlkit/alpha', api: true },
      { folder: 'beta', name: '@dlkit/beta', api: true },
      { folder: 'hidden', name: '@dlkit/hidden', private: true, api: true },
    ]);
    const result = await run(process.execPath, [script, '--root', root], { cwd: root });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('(2 packages)');
    const html = readFileSync(join(root, 'docs', 'index.html'), 'utf8');
    expect(html).toContain('href="../packages/alpha/docs/api/index.html"');
    expect(html).toContain('href="../packages/beta/docs/api/index.html"');
    expect(html).not.toContain('@dlkit/hidden');
    // Descriptions are escaped.
    expect(html).toContain('about &lt;alpha&gt;');
    expect(html).not.toContain('about <alpha>');
  });

  it('fails, naming the package, when a package has no generated docs', async () => {
    const root = fakeRepo([
      { folder: 'alpha', name: '@dlkit/alpha', api: true },
      { folder: 'beta', name: '@dlkit/beta', api: false },
    ]);
    const result = await run(process.execPath, [script, '--root', root], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('@dlkit/beta');
    const html = readFileSync(join(root, 'docs', 'index.html'), 'utf8');
    expect(html).not.toContain('packages/beta/docs/api');
    expect(html).toContain('not generated');
  });
});
