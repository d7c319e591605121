import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { nodeFs, nodePath } from './node-builtins';
import { writeFileAtomic } from './atomic-write';
import { ModelsError } from './errors';
import { fileSystem } from './file-io';
import type { EpochRecord } from './history';
import type { EarlyStoppingState } from './early-stopping';
import type { OptimizerSpec } from './optimizers';
import type { ScheduleState } from './schedules';

/** Where and how often {@link train} writes checkpoints. */
export interface CheckpointOptions {
  /** Folder of the checkpoints (`epoch-0004/`, …, and `latest.json` naming the newest). */
  dir: string;
  /** Write one every this many epochs (and always after the last epoch). Default 1. */
  every?: number;
  /** How many checkpoints to keep. Default 2. */
  keep?: number;
}

/** Trainer state stored next to the weights in a checkpoint. */
export interface TrainerState {
  version: 1;
  /** Epochs completed. */
  epoch: number;
  /** Learning rate for the next epoch. */
  learningRate: number;
  history: EpochRecord[];
  schedule: ScheduleState;
  earlyStopping: EarlyStoppingState;
  optimizer: OptimizerSpec;
  seed: number;
  /** Layout of `optimizer.bin` (tfjs weight specs, in the optimiser's order). */
  optimizerWeights: tf.io.WeightsManifestEntry[];
  /**
   * Scalars tfjs keeps outside `getWeights()` (Adam's running β₁ᵗ, β₂ᵗ): `setWeights` recomputes them with
   * `pow`, which differs in the last bits from the running product, so they are stored to resume bit-exactly.
   */
  optimizerScalars: Record<string, number>;
}

const SCALARS = ['accBeta1', 'accBeta2'] as const;

function readScalars(optimizer: tf.Optimizer): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of SCALARS) {
    const t = (optimizer as unknown as Record<string, unknown>)[k];
    if (t instanceof tf.Variable) out[k] = t.dataSync()[0];
  }
  return out;
}

const LATEST = 'latest.json';

/**
 * Writes a checkpoint atomically: model (tfjs format), optimiser state and trainer state go to a temporary
 * folder renamed to `epoch-NNNN`, then `latest.json` is replaced (temp + rename) to point at it; older
 * checkpoints beyond `keep` are removed. A crash leaves the previous checkpoint intact. Internal to the trainer.
 */
export async function writeCheckpoint(
  options: CheckpointOptions,
  model: LayersModel,
  optimizer: tf.Optimizer,
  state: Omit<TrainerState, 'optimizerWeights' | 'optimizerScalars' | 'version'>,
): Promise<string> {
  const [{ mkdir, readdir, rename, rm }, { join }] = await Promise.all([nodeFs(), nodePath()]);
  const name = `epoch-${String(state.epoch).padStart(4, '0')}`;
  const tmp = join(options.dir, `.${name}.${process.pid}.tmp`);
  const final = join(options.dir, name);
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await model.save(fileSystem(tmp));
  const weights = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(weights);
  // Entry 0 is a fresh iteration-count scalar; the others are the optimiser's live slots.
  weights[0]?.tensor.dispose();
  const bytes = new Uint8Array(tf.io.CompositeArrayBuffer.join(data));
  await writeFileAtomic(join(tmp, 'optimizer.bin'), bytes);
  const full: TrainerState = { version: 1, ...state, optimizerWeights: specs, optimizerScalars: readScalars(optimizer) };
  await writeFileAtomic(join(tmp, 'trainer.json'), JSON.stringify(full));
  await rm(final, { recursive: true, force: true });
  await rename(tmp, final);
  await writeFileAtomic(join(options.dir, LATEST), JSON.stringify({ checkpoint: name, epoch: state.epoch }));
  const keep = options.keep ?? 2;
  const all = (await readdir(options.dir)).filter((f) => /^epoch-\d+$/.test(f)).sort();
  for (const old of all.slice(0, Math.max(0, all.length - keep))) await rm(join(options.dir, old), { recursive: true, force: true });
  return final;
}

/**
 * The newest checkpoint in `dir` (the folder `latest.json` names), or `null` when there is none.
 *
 * @example
 * ```ts
 * const latest = await latestCheckpoint('runs/mnist');
 * if (latest) console.log(`resuming after epoch ${latest.state.epoch}`);
 * ```
 */
export async function latestCheckpoint(dir: string): Promise<{ path: string; state: TrainerState } | null> {
  const [{ readFile }, { join }] = await Promise.all([nodeFs(), nodePath()]);
  let pointer: { checkpoint?: unknown };
  try {
    pointer = JSON.parse(await readFile(join(dir, LATEST), 'utf8')) as { checkpoint?: unknown };
  } catch {
    return null;
  }
  if (typeof pointer.checkpoint !== 'string') throw new ModelsError(join(dir, LATEST), pointer, '{ checkpoint: "epoch-NNNN" }');
  const path = join(dir, pointer.checkpoint);
  const state = JSON.parse(await readFile(join(path, 'trainer.json'), 'utf8')) as TrainerState;
  if (state.version !== 1) throw new ModelsError(join(path, 'trainer.json'), state.version, 'version 1');
  return { path, state };
}

/**
 * Copies saved weights into `model`, in order (names may differ between runs: tfjs numbers auto-named layers
 * globally), checking that the shapes agree.
 */
export async function restoreWeights(model: LayersModel, location: string): Promise<void> {
  const artifacts = await fileSystem(location).load();
  const specs = artifacts.weightSpecs ?? [];
  const weights = model.weights;
  if (specs.length !== weights.length) {
    throw new ModelsError(location, `${specs.length} weight tensors`, `${weights.length} (the model's)`, 'the checkpoint was written by a different architecture');
  }
  const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const map = tf.io.decodeWeights(data, specs);
  const tensors = specs.map((s) => map[s.name]);
  try {
    if (Object.keys(map).length !== specs.length) {
      throw new ModelsError(location, 'duplicate weight names', 'one distinct name per weight tensor');
    }
    tensors.forEach((t, i) => {
      const target = weights[i];
      if (!tf.util.arraysEqual(t.shape, target.shape as number[])) {
        throw new ModelsError(`${location}: ${specs[i].name}`, t.shape, `shape [${target.shape.join(', ')}] of ${target.name}`);
      }
    });
    tensors.forEach((t, i) => weights[i].write(t));
  } finally {
    for (const t of Object.values(map)) t.dispose();
  }
}

/** Restores the optimiser state saved by {@link writeCheckpoint}. Internal. */
export async function restoreOptimizer(
  optimizer: tf.Optimizer,
  path: string,
  specs: tf.io.WeightsManifestEntry[],
  scalars: Record<string, number> = {},
): Promise<void> {
  const [{ readFile }, { join }] = await Promise.all([nodeFs(), nodePath()]);
  const b = await readFile(join(path, 'optimizer.bin'));
  const map = tf.io.decodeWeights(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, specs);
  const list = specs.map((s) => ({ name: s.name, tensor: map[s.name] }));
  await optimizer.setWeights(list);
  for (const t of Object.values(map)) t.dispose();
  for (const [k, v] of Object.entries(scalars)) {
    const t = (optimizer as unknown as Record<string, unknown>)[k];
    if (t instanceof tf.Variable) tf.tidy(() => t.assign(tf.scalar(v)));
  }
}
