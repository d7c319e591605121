import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { describeFailure, run } from './run';
import { assertBuilt, publicPackages } from './workspace';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder holding one `pnpm pack` tarball per public package. */
    packDir: string;
  }
}

/** How to call pnpm: the one running this script when `pnpm run` started us (npm_execpath), else `pnpm` on PATH. */
function pnpmCommand(): string[] {
  const execPath = process.env.npm_execpath ?? '';
  if (/pnpm/i.test(execPath) && /\.c?js$/.test(execPath)) return [process.execPath, execPath];
  return ['pnpm'];
}

/**
 * Packs every public package with `pnpm pack` (which rewrites `workspace:^` ranges as publishing does) into one
 * temporary folder, provides it to the tests as `packDir`, and removes it afterwards.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const packages = publicPackages();
  for (const pkg of packages) assertBuilt(pkg);
  const packDir = mkdtempSync(join(tmpdir(), 'dlkit-pack-'));
  // Two at a time: the machine (and CI) has two cores.
  for (let i = 0; i < packages.length; i += 2) {
    await Promise.all(
      packages.slice(i, i + 2).map(async (pkg) => {
        const [file, ...prefix] = pnpmCommand();
        const result = await run(file as string, [...prefix, 'pack', '--pack-destination', packDir], { cwd: pkg.dir });
        if (result.code !== 0) throw new Error(describeFailure(`pnpm pack in packages/${pkg.folder}`, result));
        if (!existsSync(join(packDir, pkg.tarball))) {
          throw new Error(`pnpm pack in packages/${pkg.folder} did not write ${pkg.tarball}:\n${result.stdout}`);
        }
      }),
    );
  }
  project.provide('packDir', packDir);
  return () => rmSync(packDir, { recursive: true, force: true });
}
