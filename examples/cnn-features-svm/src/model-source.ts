import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { latestCheckpoint, loadModel } from '@dlkit/models';
import { PREPROCESSING_FILE, readPreprocessing, type PreprocessingRecord } from '@dlkit-examples/common';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { FeaturesSvmError } from './errors';

const ACCEPTED = 'a model.json (saveModel), a checkpoint epoch folder (epoch-NNNN/) or a checkpoint folder with latest.json';

/** Where `--model` points, resolved to one `model.json`. */
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
 * Resolves `--model PATH` to the `model.json` to load: PATH itself when it is a file; `PATH/model.json` for a
 * checkpoint epoch folder or a folder written by `saveModel`; for a checkpoint folder (one holding
 * `latest.json`, as `train({ checkpoint })` and cifar-cnn's `--checkpoint DIR/<study>-<variant>/` write it) the
 * newest checkpoint's `model.json`. A path that is none of these is a {@link FeaturesSvmError} naming it.
 *
 * @example
 * ```ts
 * const src = await resolveModelSource('runs/ck/tf-batch-64-baseline');
 * src.file;    // 'runs/ck/tf-batch-64-baseline/epoch-0030/model.json'
 * src.epoch;   // 30
 * ```
 */
export async function resolveModelSource(path: string): Promise<ModelSource> {
  const what = await kind(path);
  if (what === null) throw new FeaturesSvmError('--model', path, `${ACCEPTED}; nothing is there`, path);
  if (what === 'file') {
    if (!path.endsWith('.json')) throw new FeaturesSvmError('--model', basename(path), `${ACCEPTED}`, path);
    const epoch = await epochBeside(dirname(path));
    return { file: path, epoch, label: epoch === null ? path : `${path} (epoch ${epoch})` };
  }
  if ((await kind(join(path, 'latest.json'))) === 'file') {
    const latest = await latestCheckpoint(path);
    if (latest === null) throw new FeaturesSvmError('--model', path, `${ACCEPTED}`, join(path, 'latest.json'));
    const file = join(latest.path, 'model.json');
    return {
      file,
      epoch: latest.state.epoch,
      label: `${file} (newest checkpoint of ${path}: ${basename(latest.path)}, epoch ${latest.state.epoch})`,
    };
  }
  const file = join(path, 'model.json');
  if ((await kind(file)) !== 'file') {
    throw new FeaturesSvmError('--model', path, `${ACCEPTED}; the folder holds neither latest.json nor model.json`, path);
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

/** What the data and the flags demand of a trained network. */
export interface PretrainedRequirements {
  /** The `model.json` the model came from, named in every error. */
  file: string;
  /** One image's shape, `[height, width, channels]` (CIFAR-10: `[32, 32, 3]`). */
  imageShape: readonly number[];
  /** The classes of the data: the model's output must have as many units. */
  numClasses: number;
  /** The feature layers asked for. */
  layers: readonly string[];
}

/** The names of `model`'s layers, in order. */
export function layerNames(model: LayersModel): string[] {
  return model.layers.map((l) => l.name);
}

/**
 * Checks before any forward pass that a loaded network fits the experiment: its input is one image of the
 * data's shape, its output has one unit per class, and every requested layer exists. Each mismatch is a
 * {@link FeaturesSvmError} naming the file, with the available layer names for a missing layer, so a wrong
 * `--model` or `--layers` never ends deep inside tfjs.
 */
export function checkPretrained(model: LayersModel, req: PretrainedRequirements): void {
  const input = model.inputs[0]?.shape.slice(1) ?? [];
  if (model.inputs.length !== 1 || input.length !== req.imageShape.length || input.some((d, i) => d !== req.imageShape[i])) {
    throw new FeaturesSvmError(
      'input shape',
      `[${input.map((d) => d ?? 'any').join(', ')}]`,
      `one image of the data, [${req.imageShape.join(', ')}] (height, width, channels)`,
      req.file,
    );
  }
  const out = model.outputs[0]?.shape.at(-1);
  if (model.outputs.length !== 1 || out !== req.numClasses) {
    throw new FeaturesSvmError('output units', out ?? null, `${req.numClasses} (one per class of the data)`, req.file);
  }
  const names = layerNames(model);
  for (const layer of req.layers) {
    if (!names.includes(layer)) {
      throw new FeaturesSvmError('--layers', layer, `a layer of the model: ${names.join(', ')}`, req.file);
    }
  }
}

/** Feature layers used with `--model` when `--layers` is not given. */
export const PRETRAINED_LAYERS = ['fc1', 'fc2'] as const;

/**
 * The default feature layers of a loaded network: those of {@link PRETRAINED_LAYERS} it has (cifarNetTf's
 * `fc1` 384 and `fc2` 192; seed 004 used `fc2`). A network with neither needs `--layers`: a
 * {@link FeaturesSvmError} lists its layer names.
 */
export function defaultPretrainedLayers(model: LayersModel, file: string): string[] {
  const names = layerNames(model);
  const found = PRETRAINED_LAYERS.filter((n) => names.includes(n));
  if (found.length === 0) {
    throw new FeaturesSvmError('--layers', null, `a layer of the model (it has no fc1/fc2): ${names.join(', ')}`, file);
  }
  return found;
}

/**
 * Loads the network `--model` points at ({@link resolveModelSource}) and checks it ({@link checkPretrained});
 * `layers` null takes {@link defaultPretrainedLayers}. The caller owns and disposes the model.
 */
export async function loadPretrained(
  path: string,
  req: Omit<PretrainedRequirements, 'file' | 'layers'> & { layers: readonly string[] | null },
): Promise<{ model: LayersModel; source: ModelSource; layers: string[] }> {
  const source = await resolveModelSource(path);
  const model = await loadModel(source.file);
  try {
    const layers = req.layers ? [...req.layers] : defaultPretrainedLayers(model, source.file);
    checkPretrained(model, { ...req, file: source.file, layers });
    return { model, source, layers };
  } catch (e) {
    model.dispose();
    throw e;
  }
}
