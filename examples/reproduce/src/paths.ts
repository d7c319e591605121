import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataPaths } from './experiment';

/** The repository root (this file is examples/reproduce/src/paths.ts): examples' folders are relative to it. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The default Fashion-MNIST folder (Debian's dataset-fashion-mnist). */
export const DEFAULT_FASHION = '/usr/share/datasets/fashion-mnist';

/**
 * Resolves a path the user typed against the folder they typed it in: pnpm runs the script in the package's
 * folder but keeps the caller's in `INIT_CWD`, so `pnpm reproduce -- --data ../shared/data` means what it says.
 */
export function userPath(path: string, env: NodeJS.ProcessEnv = process.env): string {
  return isAbsolute(path) ? path : resolve(env.INIT_CWD ?? process.cwd(), path);
}

/**
 * Where the real data is under a data folder: CIFAR-10 as the JPEG archive `cifar10/cifar10-jpg.tar.gz` or the
 * official binary batches (`cifar10/cifar-10-batches-bin`, or directly under the folder); PTB in `ptb/`.
 * CIFAR-10 is undefined when neither form is there (the plan names the file it looked for).
 */
export function dataPaths(data: string | undefined, fashion: string): DataPaths {
  if (data === undefined) return { data, fashion, cifar10: undefined, ptb: undefined };
  const candidates = [
    join(data, 'cifar10', 'cifar10-jpg.tar.gz'),
    join(data, 'cifar10', 'cifar-10-batches-bin'),
    join(data, 'cifar-10-batches-bin'),
  ];
  const found = candidates.find((p) => existsSync(p));
  // loadCifar10 takes the archive itself, or the folder that holds cifar-10-batches-bin.
  const cifar10 = found === undefined ? undefined : found.endsWith('.tar.gz') ? found : dirname(found);
  return { data, fashion, cifar10, ptb: join(data, 'ptb') };
}
