import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DlkitError } from '@dlkit/core';
import { latestCheckpoint } from '@dlkit/models';
import { PREPROCESSING_FILE, type PreprocessingRecord, readPreprocessing } from './preprocessing-record';

const ACCEPTED = 'a model.json (saveModel), a checkpoint epoch folder (epoch-NNNN/) or a checkpoint folder with latest.json';

/**
 * A path given for a trained network that holds none, or one the run cannot use: `argument` names the flag
 * (`--model`, `--start-from`) or the field at fault, `file` the path, `expected` what would have been accepted.
 *
 * @example
 * ```ts
 * try { await resolveModelSource('runs/nope', '--start-from'); }
 * catch (e) { if (e instanceof ModelSourceError) console.error(e.argument, e.file); }   // '--start-from', 'runs/nope'
 * ```
 */
export class ModelSourceError extends DlkitError {
  override readonly name = 'ModelSourceError';
  /** The flag that named the path. */
  declare readonly argument: string;
  /** What would have been accepted. */
  declare readonly expected: string;

  constructor(argument: string, received: unknown, expected: string, file: string) {
    // The whole path, uncut (the shared message would shorten it).
    super({
      argument,
      received,
      expected,
      file,
      message: `${file}: ${argument}: expected ${expected}, received ${JSON.stringify(received)}`,
    });
  }
}

/** Where a flag naming a trained network points, resolved to one `model.json`. */
export interface ModelSource {
  /** The `model.json` that is loaded. */
  file: string;
  /** Epochs the network was trained for, from the checkpoint's `trainer.json` (null for a plain saved model). */
  epoch: number | null;
  /** One line for the console and the reports: which file, which checkpoint and epoch. */
  label: string;
}

async function kind(path: string): Promise<'file' | 'dir' | null> {
  try {
    return (await stat(path)).isDirectory() ? 'dir' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

/**
 * The epoch in `trainer.json` next to a checkpoint's `model.json`, or null when there is none (a model saved
 * with saveModel). Only labels the output, so an unreadable file is just "epoch unknown".
 */
async function epochBeside(folder: string): Promise<number | null> {
  try {
    const state = JSON.parse(await readFile(join(folder, 'trainer.json'), 'utf8')) as { epoch?: unknown } | null;
    return Number.isInteger(state?.epoch) ? (state?.epoch as number) : null;
  } catch {
    return null;
  }
}

/**
 * Resolves a path naming a trained network (`flag`, default `--model`) to the `model.json` to load: the path
 * itself when it is a file; `PATH/model.json` for a checkpoint epoch folder or a folder written by `saveModel`;
 * for a checkpoint folder (one holding `latest.json`, as `train({ checkpoint })` and cifar-cnn's
 * `--checkpoint DIR/<study>-<variant>/` write it) the newest checkpoint's `model.json`. A path that is none of
 * these is a {@link ModelSourceError} naming it.
 *
 * @example
 * ```ts
 * const src = await resolveModelSource('runs/ck/tf-batch-64-baseline');
 * src.file;    // 'runs/ck/tf-batch-64-baseline/epoch-0030/model.json'
 * src.epoch;   // 30
 * ```
 */
export async function resolveModelSource(path: string, flag = '--model'): Promise<ModelSource> {
  const what = await kind(path);
  if (what === null) throw new ModelSourceError(flag, path, `${ACCEPTED}; nothing is there`, path);
  if (what === 'file') {
    if (!path.endsWith('.json')) throw new ModelSourceError(flag, basename(path), `${ACCEPTED}`, path);
    const epoch = await epochBeside(dirname(path));
    return { file: path, epoch, label: epoch === null ? path : `${path} (epoch ${epoch})` };
  }
  if ((await kind(join(path, 'latest.json'))) === 'file') {
    const latest = await latestCheckpoint(path);
    if (latest === null) throw new ModelSourceError(flag, path, `${ACCEPTED}`, join(path, 'latest.json'));
    const file = join(latest.path, 'model.json');
    return {
      file,
      epoch: latest.state.epoch,
      label: `${file} (newest checkpoint of ${path}: ${basename(latest.path)}, epoch ${latest.state.epoch})`,
    };
  }
  const file = join(path, 'model.json');
  if ((await kind(file)) !== 'file') {
    throw new ModelSourceError(flag, path, `${ACCEPTED}; the folder holds neither latest.json nor model.json`, path);
  }
  const epoch = await epochBeside(path);
  return { file, epoch, label: epoch === null ? file : `${file} (epoch ${epoch})` };
}

/**
 * The input statistics stored with the network `source` names (cifar-cnn writes them beside its checkpoints:
 * `<variant>/preprocessing.json`, the parent of `epoch-NNNN/`), looked for in the model's folder and then its
 * parent; null when neither has one. A damaged file is an error naming it, not a silent recomputation.
 */
export async function storedPreprocessing(source: ModelSource): Promise<{ file: string; record: PreprocessingRecord } | null> {
  for (const dir of [dirname(source.file), dirname(dirname(source.file))]) {
    const record = await readPreprocessing(dir);
    if (record !== null) return { file: join(dir, PREPROCESSING_FILE), record };
  }
  return null;
}
