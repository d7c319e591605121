import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests/release/test/support → ../../../..). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * One export per package that a consumer must find, as a value, in both the ESM and the CJS build.
 * Every public package must have an entry (a test fails otherwise), so a new package cannot slip past.
 */
export const KNOWN_EXPORTS: Readonly<Record<string, string>> = {
  '@dlkit/backend': 'initBackend',
  '@dlkit/core': 'DlkitError',
  '@dlkit/datasets': 'parseIdx',
  '@dlkit/embeddings': 'PCA',
  '@dlkit/layers': 'L2Pooling2D',
  '@dlkit/metrics': 'confusionMatrix',
  '@dlkit/models': 'train',
  '@dlkit/report': 'lineChart',
  '@dlkit/rnnlm': 'RnnLm',
  '@dlkit/siamese': 'siamese',
  '@dlkit/svm-bridge': 'SVC',
  '@dlkit/sweep': 'runSweep',
};

/** A public workspace package as found under packages/. */
export interface WorkspacePackage {
  /** npm name, e.g. `@dlkit/metrics`. */
  name: string;
  version: string;
  /** Folder under packages/, e.g. `metrics`. */
  folder: string;
  /** Absolute path of the package folder. */
  dir: string;
  /** File name `pnpm pack` gives the tarball, e.g. `dlkit-metrics-0.1.0.tgz`. */
  tarball: string;
}

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  exports?: unknown;
  scripts?: Record<string, string>;
}

/**
 * The options the package's own `lint` script gives attw (e.g. `--profile node16`), without `--pack` and the
 * folder, so the tarball is checked under the same rules as `pnpm lint` applies to the folder.
 */
export function attwOptions(pkg: WorkspacePackage): string[] {
  const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as Manifest;
  const lint = manifest.scripts?.lint ?? '';
  const command = /(?:^|&&|;)\s*attw\s+([^&;|]*)/.exec(lint);
  if (command === null) return [];
  return (command[1] as string)
    .trim()
    .split(/\s+/)
    .filter((arg) => arg !== '' && arg !== '--pack' && arg !== '-P' && arg !== '.');
}

/** Every non-private package under packages/, sorted by name. */
export function publicPackages(): WorkspacePackage[] {
  const root = join(REPO_ROOT, 'packages');
  const found: WorkspacePackage[] = [];
  for (const folder of readdirSync(root).sort()) {
    const manifestPath = join(root, folder, 'package.json');
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (manifest.private === true) continue;
    const tarball = `${manifest.name.replace(/^@/, '').replace('/', '-')}-${manifest.version}.tgz`;
    found.push({ name: manifest.name, version: manifest.version, folder, dir: join(root, folder), tarball });
  }
  return found;
}

/** Every file path (`./dist/…`) named anywhere in an `exports` map. */
export function exportTargets(exportsField: unknown): string[] {
  if (typeof exportsField === 'string') return [exportsField];
  if (exportsField === null || typeof exportsField !== 'object') return [];
  return Object.values(exportsField as Record<string, unknown>).flatMap(exportTargets);
}

/**
 * Throws, naming the package and the file, when a file its `exports` map points at is missing: the packages
 * must be built (`pnpm build`) before they can be packed.
 */
export function assertBuilt(pkg: WorkspacePackage): void {
  const manifest = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8')) as Manifest;
  const targets = exportTargets(manifest.exports).filter((target) => target !== './package.json');
  if (targets.length === 0) {
    throw new Error(`${pkg.name}: package.json has no "exports" targets; expected ./dist/index.js and friends`);
  }
  const missing = targets.filter((target) => !existsSync(join(pkg.dir, target)));
  if (missing.length > 0) {
    throw new Error(
      `${pkg.name}: ${missing.join(', ')} missing in packages/${pkg.folder} — build the packages first ` +
        '(`pnpm build` at the root; `pnpm test` does it through turbo, as tests/release depends on every @dlkit package)',
    );
  }
}
