import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { describeFailure, run } from './support/run';
import { attwOptions, exportTargets, KNOWN_EXPORTS, publicPackages, REPO_ROOT } from './support/workspace';

// The tarballs exactly as `pnpm publish` would upload them, checked by publint and attw.
const packDir = inject('packDir');
const packages = publicPackages();
const bin = (name: string): string => join(REPO_ROOT, 'node_modules', '.bin', name);

const DEPENDENCY_FIELDS = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

describe('packed tarballs', () => {
  it('covers every public package, each with a known export to probe', () => {
    expect(packages.length).toBeGreaterThan(0);
    expect(packages.map((pkg) => pkg.name).sort()).toEqual(Object.keys(KNOWN_EXPORTS).sort());
  });

  describe.each(packages)('$name', (pkg) => {
    const tarball = join(packDir, pkg.tarball);

    it('has its workspace ranges rewritten and ships dist, README and nothing from src/ or test/', async () => {
      const manifestRun = await run('tar', ['-xzf', tarball, '-O', 'package/package.json'], { cwd: packDir });
      expect(manifestRun.code, describeFailure('tar -x package.json', manifestRun)).toBe(0);
      const manifest = JSON.parse(manifestRun.stdout) as Record<string, unknown>;
      expect(manifest.name).toBe(pkg.name);
      for (const field of DEPENDENCY_FIELDS) {
        const ranges = (manifest[field] ?? {}) as Record<string, string>;
        for (const [dep, range] of Object.entries(ranges)) {
          expect(range, `${field}.${dep}`).not.toMatch(/^(workspace|link|file):/);
        }
      }
      const listing = await run('tar', ['-tzf', tarball], { cwd: packDir });
      expect(listing.code, describeFailure('tar -t', listing)).toBe(0);
      const files = new Set(
        listing.stdout
          .trim()
          .split('\n')
          .map((line) => line.replace(/^package\//, '')),
      );
      expect(files.has('README.md')).toBe(true);
      for (const target of exportTargets(manifest.exports)) {
        expect(files.has(target.replace(/^\.\//, '')), `exports target ${target}`).toBe(true);
      }
      expect([...files].filter((file) => /^(src|test)\//.test(file))).toEqual([]);
    });

    it('ships the MIT LICENSE of the repository and the metadata a registry page shows', async () => {
      const license = await run('tar', ['-xzf', tarball, '-O', 'package/LICENSE'], { cwd: packDir });
      expect(license.code, describeFailure('tar -x LICENSE', license)).toBe(0);
      expect(license.stdout).toBe(readFileSync(join(REPO_ROOT, 'LICENSE'), 'utf8'));
      const manifestRun = await run('tar', ['-xzf', tarball, '-O', 'package/package.json'], { cwd: packDir });
      const manifest = JSON.parse(manifestRun.stdout) as Record<string, unknown>;
      expect(manifest.license).toBe('MIT');
      expect(manifest.repository).toEqual({
        type: 'git',
        url: 'git+https://github.com/dlkit/dlkit.git',
        directory: `packages/${pkg.folder}`,
      });
      expect(manifest.homepage).toBe(`https://github.com/dlkit/dlkit/tree/main/packages/${pkg.folder}#readme`);
      expect(manifest.bugs).toEqual({ url: 'https://github.com/dlkit/dlkit/issues' });
      expect(typeof manifest.author).toBe('string');
      expect(typeof manifest.description).toBe('string');
      expect((manifest.keywords as string[] | undefined)?.length ?? 0).toBeGreaterThan(2);
    });

    it('passes publint --strict (warnings are errors; suggestions are printed, as in pnpm lint)', async () => {
      const result = await run(bin('publint'), ['run', '--strict', tarball], { cwd: packDir });
      expect(result.code, describeFailure('publint', result)).toBe(0);
      expect(result.stdout).toContain('Linting...');
      if (!result.stdout.includes('All good!')) console.warn(`${pkg.name}: publint suggestions\n${result.stdout}`);
    });

    it('passes attw with the options of its lint script (types for ESM and CJS)', async () => {
      const options = [...attwOptions(pkg), '--format', 'ascii', '--no-emoji', '--no-color', tarball];
      const result = await run(bin('attw'), options, { cwd: packDir });
      expect(result.code, describeFailure('attw', result)).toBe(0);
    });
  });
});
