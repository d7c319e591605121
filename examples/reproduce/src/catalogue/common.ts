import { join } from 'node:path';
import type { CommandContext, DataPaths } from '../experiment';

/** The CIFAR-10 a full-size run needs, as a `needs` entry. */
export function cifarNeed(paths: DataPaths): { path: string | undefined; what: string } {
  return {
    path: paths.cifar10 ?? (paths.data ? join(paths.data, 'cifar10', 'cifar10-jpg.tar.gz') : undefined),
    what: 'CIFAR-10: DATA/cifar10/cifar10-jpg.tar.gz (the JPEG tree) or DATA/cifar10/cifar-10-batches-bin (the official binary batches)',
  };
}

/** The flags every example takes for its outputs: `--json` into the experiment folder and its report folder. */
export function outputs(ctx: CommandContext, json: string, outFlag = '--out'): { args: string[]; json: string } {
  const file = join(ctx.dir, json);
  return { args: [outFlag, join(ctx.dir, 'report'), '--json', file], json: file };
}

/** `--checkpoint DIR --resume`: a killed run continues from its newest checkpoint. */
export function resumable(ctx: CommandContext): string[] {
  return ['--checkpoint', join(ctx.dir, 'checkpoints'), '--resume'];
}

/** The path a `quick` run reads, or throws when the caller forgot to prepare the stand-in. */
export function required(path: string | undefined, what: string): string {
  if (path === undefined) throw new Error(`${what} is not available (the plan skips experiments whose data is missing)`);
  return path;
}
