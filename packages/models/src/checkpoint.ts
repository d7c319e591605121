import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { coreNode, nodeFs, nodePath } from './node-builtins';
import { ModelsError } from './errors';
import { fileSystem, modelFiles, parseJsonFile, readModelFile } from './file-io';
import type { EpochRecord } from './history';
import type { EarlyStoppingState } from './early-stopping';
import type { OptimizerSpec } from './optimizers';
import type { ScheduleState } from './schedules';
import { manifestBytes } from './weight-bytes';

/** Where and how often {@link train} writes checkpoints. */
export interface CheckpointOptions {
  /** Folder of the checkpoints (`epoch-0004/`, …, and `latest.json`, the index naming the newest). */
  dir: string;
  /** Write one every this many epochs (and always after the last epoch). Default 1. */
  every?: number;
  /**
   * How many checkpoints to keep, counted in the order they were written (tf.train.CheckpointManager's
   * `max_to_keep`): the oldest written go first, never the one `latest.json` names. Default 2.
   */
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
  /**
   * What a custom loop keeps besides the trainer's fields, as plain JSON (siamese: its per-step losses and
   * evaluation points). `train` writes none.
   */
  extra?: Record<string, unknown>;
}

/** The checkpoint index, `latest.json`. Internal. */
export interface CheckpointIndex {
  /** The newest checkpoint's folder name. */
  checkpoint: string;
  /** Its epoch. */
  epoch: number;
  /** Every kept checkpoint, in the order they were written (oldest first; the last is `checkpoint`). */
  checkpoints: string[];
  /**
   * Checkpoints being removed: listed before they are deleted and dropped from the index after, so that a
   * writer killed in between leaves their names for the next write to finish the job.
   */
  prune?: string[];
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
const NAME = /^epoch-\d+$/;
const WEIGHTS = 'model.weights.bin';
const INDEX_SHAPE = '{ "checkpoint": "epoch-NNNN", "epoch": N, "checkpoints": [...] }';
const DAMAGED = 'the checkpoint is damaged: resume from an older one (point latest.json at it) or start afresh';

/** The model's artifacts, as `model.save` hands them to a handler, without touching the disk. */
async function artifactsOf(model: LayersModel): Promise<tf.io.ModelArtifacts> {
  let captured: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      captured = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  return captured as tf.io.ModelArtifacts;
}

/**
 * Reads the checkpoint index `dir/latest.json`. A missing file means "no checkpoint yet" (`null`); anything
 * else that is not a valid index — empty, cut short, not JSON, a name leaving the folder — is a
 * {@link ModelsError} naming the file, so a damaged index never silently restarts a run over good checkpoints.
 * Indexes written before the write order was recorded (no `checkpoints`) read as `[checkpoint]`. Internal.
 */
export async function readCheckpointIndex(dir: string): Promise<CheckpointIndex | null> {
  const [{ readFile }, { join }] = await Promise.all([nodeFs(), nodePath()]);
  const file = join(dir, LATEST);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ModelsError('', (cause as Error).message, 'a readable checkpoint index', undefined, {
      file,
      cause,
      code: 'CORRUPT',
    });
  }
  const hint =
    'the checkpoint folders may be intact: point latest.json at one of them, or remove it (and the folders) to start afresh';
  const index = parseJsonFile(file, bytes, `a checkpoint index ${INDEX_SHAPE}`, hint) as Partial<CheckpointIndex> | null;
  const corrupt = (argument: string, received: unknown, expected: string): never => {
    throw new ModelsError(argument, received, expected, hint, { file, code: 'CORRUPT' });
  };
  if (typeof index !== 'object' || index === null || Array.isArray(index))
    corrupt('', index, `a checkpoint index ${INDEX_SHAPE}`);
  const { checkpoint, epoch, checkpoints } = index as Partial<CheckpointIndex>;
  if (typeof checkpoint !== 'string') corrupt('checkpoint', checkpoint, 'the name of a checkpoint folder, "epoch-NNNN"');
  if (!NAME.test(checkpoint as string)) {
    throw new ModelsError('checkpoint', checkpoint, `a checkpoint folder inside ${dir}, "epoch-NNNN"`, hint, {
      file,
      code: 'UNSAFE_PATH',
    });
  }
  if (epoch !== undefined && !(Number.isInteger(epoch) && (epoch as number) >= 0))
    corrupt('epoch', epoch, 'a non-negative integer');
  let order = [checkpoint as string];
  if (checkpoints !== undefined) {
    if (!Array.isArray(checkpoints)) corrupt('checkpoints', checkpoints, 'the checkpoint folder names in write order');
    const list = checkpoints as unknown[];
    const bad = list.findIndex((n) => typeof n !== 'string' || !NAME.test(n));
    if (bad >= 0) {
      throw new ModelsError(`checkpoints[${bad}]`, list[bad], `a checkpoint folder inside ${dir}, "epoch-NNNN"`, hint, {
        file,
        code: 'UNSAFE_PATH',
      });
    }
    order = [...(list as string[]).filter((n) => n !== checkpoint), checkpoint as string];
  }
  const { prune } = index as Partial<CheckpointIndex>;
  if (prune !== undefined) {
    const bad = Array.isArray(prune) ? prune.findIndex((n: unknown) => typeof n !== 'string' || !NAME.test(n)) : 0;
    if (bad >= 0) {
      throw new ModelsError(
        `prune[${bad}]`,
        Array.isArray(prune) ? prune[bad] : prune,
        `a checkpoint folder inside ${dir}, "epoch-NNNN"`,
        hint,
        { file, code: 'UNSAFE_PATH' },
      );
    }
  }
  return {
    checkpoint: checkpoint as string,
    epoch: (epoch as number | undefined) ?? Number((checkpoint as string).slice(6)),
    checkpoints: order,
    prune: (prune ?? []).filter((n) => !order.includes(n)),
  };
}

/**
 * Writes a checkpoint: the model (`model.json` + `model.weights.bin`), the optimiser state (`optimizer.bin`)
 * and the trainer state (`trainer.json`) go into `epoch-NNNN/` in one `writeDirAtomic` (a temporary folder
 * renamed into place), then the index `latest.json` is replaced atomically to name it. Checkpoints beyond
 * `keep` are pruned in write order. What a killed earlier write left behind is removed first. A crash at any
 * moment leaves the previous checkpoint and index intact. Used by {@link train} after its epochs, and by custom
 * loops (siamese's `trainSiamese` counts steps in `epoch`) through the same files and guarantees.
 */
export async function writeCheckpoint(
  options: CheckpointOptions,
  model: LayersModel,
  optimizer: tf.Optimizer,
  state: Omit<TrainerState, 'optimizerWeights' | 'optimizerScalars' | 'version'>,
): Promise<string> {
  const [{ rm }, { join }, core] = await Promise.all([nodeFs(), nodePath(), coreNode()]);
  const dir = options.dir;
  await core.removeTempLeftovers(dir);
  const index = await readCheckpointIndex(dir);
  const name = `epoch-${String(state.epoch).padStart(4, '0')}`;
  const model_ = modelFiles(await artifactsOf(model), WEIGHTS);
  const weights = await optimizer.getWeights();
  const { data, specs } = await tf.io.encodeWeights(weights);
  // Entry 0 is a fresh iteration-count scalar; the others are the optimiser's live slots.
  weights[0]?.tensor.dispose();
  const full: TrainerState = { version: 1, ...state, optimizerWeights: specs, optimizerScalars: readScalars(optimizer) };
  const final = join(dir, name);
  await core.writeDirAtomic(final, {
    'model.json': model_.json,
    [WEIGHTS]: model_.weights,
    'optimizer.bin': new Uint8Array(tf.io.CompositeArrayBuffer.join(data)),
    'trainer.json': JSON.stringify(full),
  });
  const order = [...(index?.checkpoints ?? []).filter((n) => n !== name), name];
  const keep = options.keep ?? 2;
  const kept = order.slice(Math.max(0, order.length - keep));
  const prune = [...new Set([...(index?.prune ?? []), ...order.slice(0, order.length - kept.length)])].filter((n) => n !== name);
  const entry = { checkpoint: name, epoch: state.epoch, checkpoints: kept };
  await core.writeFileAtomic(join(dir, LATEST), JSON.stringify(prune.length > 0 ? { ...entry, prune } : entry));
  if (prune.length > 0) {
    for (const old of prune) await rm(join(dir, old), { recursive: true, force: true });
    await core.writeFileAtomic(join(dir, LATEST), JSON.stringify(entry));
  }
  return final;
}

function checkState(file: string, state: unknown): TrainerState {
  const fail = (argument: string, received: unknown, expected: string): never => {
    throw new ModelsError(argument, received, expected, DAMAGED, { file, code: 'CORRUPT' });
  };
  if (typeof state !== 'object' || state === null || Array.isArray(state)) fail('', state, 'a JSON object of trainer state');
  const s = state as Record<string, unknown>;
  if (s.version !== 1) fail('version', s.version, '1');
  const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!(Number.isInteger(s.epoch) && (s.epoch as number) >= 0)) fail('epoch', s.epoch, 'a non-negative integer');
  if (!(typeof s.learningRate === 'number' && Number.isFinite(s.learningRate)))
    fail('learningRate', s.learningRate, 'a finite number');
  if (!Number.isInteger(s.seed)) fail('seed', s.seed, 'an integer');
  if (!Array.isArray(s.history) || !s.history.every(isObject)) fail('history', s.history, 'an array of epoch records');
  if (!isObject(s.schedule)) fail('schedule', s.schedule, 'the schedule state');
  if (!isObject(s.earlyStopping)) fail('earlyStopping', s.earlyStopping, 'the early-stopping state');
  if (!isObject(s.optimizer)) fail('optimizer', s.optimizer, 'an optimiser spec');
  const specsOk =
    Array.isArray(s.optimizerWeights) &&
    s.optimizerWeights.every((w: unknown) => {
      const e = w as Partial<tf.io.WeightsManifestEntry> | null;
      return (
        isObject(e) &&
        typeof e?.name === 'string' &&
        typeof e.dtype === 'string' &&
        Array.isArray(e.shape) &&
        e.shape.every((d) => Number.isInteger(d) && d >= 0)
      );
    });
  if (!specsOk) fail('optimizerWeights', s.optimizerWeights, 'tfjs weight specs { name, shape, dtype }');
  if (
    s.optimizerScalars !== undefined &&
    !(isObject(s.optimizerScalars) && Object.values(s.optimizerScalars as object).every((v) => typeof v === 'number'))
  ) {
    fail('optimizerScalars', s.optimizerScalars, 'an object of numbers');
  }
  if (s.extra !== undefined && !isObject(s.extra)) fail('extra', s.extra, 'a JSON object');
  return state as TrainerState;
}

/**
 * The newest checkpoint in `dir` — the folder its index `latest.json` names — with its trainer state, or
 * `null` when there is none (no `latest.json`). An index or `trainer.json` that is empty, cut short or not
 * what a checkpoint holds is a {@link ModelsError} naming the file, never a silent `null`.
 *
 * @example
 * ```ts
 * const latest = await latestCheckpoint('runs/mnist');
 * if (latest) console.log(`resuming after epoch ${latest.state.epoch}`);
 * ```
 */
export async function latestCheckpoint(dir: string): Promise<{ path: string; state: TrainerState } | null> {
  const index = await readCheckpointIndex(dir);
  if (index === null) return null;
  const { join } = await nodePath();
  const path = join(dir, index.checkpoint);
  const file = join(path, 'trainer.json');
  const bytes = await readModelFile(file, `the trainer state of the checkpoint ${join(dir, LATEST)} names`, '', DAMAGED);
  return { path, state: checkState(file, parseJsonFile(file, bytes, 'a JSON object of trainer state', DAMAGED)) };
}

/**
 * {@link latestCheckpoint}, and also reads every file of that checkpoint — `model.json`, the weights, the
 * optimiser state — checking each against the sizes its manifest lists, without building a model. A run that
 * resumes several trainings (a sweep, one network per setting) calls it for all of them before training any, so
 * a cut-short file stops the run at once instead of after hours of the other trainings. Returns `null` when
 * `dir` has no checkpoint.
 *
 * @throws {ModelsError} naming the damaged file (code `TRUNCATED` for a file cut short, `CORRUPT` for one that
 *   is not what a checkpoint holds, `NOT_FOUND` for a missing one).
 * @example
 * ```ts
 * for (const dir of ['runs/a', 'runs/b']) await verifyCheckpoint(dir); // all intact, or stop now
 * ```
 */
export async function verifyCheckpoint(dir: string): Promise<{ path: string; state: TrainerState } | null> {
  const latest = await latestCheckpoint(dir);
  if (latest === null) return null;
  // Loading the artifacts checks model.json and the weights' sizes; the bytes are dropped (no tensors are made).
  await fileSystem(latest.path).load();
  await readOptimizerState(latest.path, latest.state.optimizerWeights);
  return latest;
}

/**
 * Copies saved weights into `model`, in order (names may differ between runs: tfjs numbers auto-named layers
 * globally), checking that the count, the shapes and the file sizes agree before any weight is written.
 */
export async function restoreWeights(model: LayersModel, location: string): Promise<void> {
  const artifacts = await fileSystem(location).load();
  const specs = artifacts.weightSpecs ?? [];
  const weights = model.weights;
  if (specs.length !== weights.length) {
    throw new ModelsError(
      'weightsManifest',
      `${specs.length} weight tensors`,
      `${weights.length} (the model's)`,
      'the checkpoint was written by a different architecture',
      { file: location },
    );
  }
  const data = artifacts.weightData === undefined ? new ArrayBuffer(0) : tf.io.CompositeArrayBuffer.join(artifacts.weightData);
  const map = tf.io.decodeWeights(data, specs);
  const tensors = specs.map((s) => map[s.name]);
  try {
    if (Object.keys(map).length !== specs.length) {
      throw new ModelsError('weightsManifest', 'duplicate weight names', 'one distinct name per weight tensor', undefined, {
        file: location,
        code: 'CORRUPT',
      });
    }
    tensors.forEach((t, i) => {
      const target = weights[i];
      if (!tf.util.arraysEqual(t.shape, target.shape as number[])) {
        throw new ModelsError(
          specs[i].name,
          t.shape,
          `shape [${target.shape.join(', ')}] of ${target.name}`,
          'the checkpoint was written by a different architecture',
          { file: location },
        );
      }
    });
    tensors.forEach((t, i) => weights[i].write(t));
  } finally {
    for (const t of Object.values(map)) t.dispose();
  }
}

/** Reads `optimizer.bin` of a checkpoint, checking its size against the specs. Internal. */
export async function readOptimizerState(path: string, specs: tf.io.WeightsManifestEntry[]): Promise<ArrayBuffer> {
  const { join } = await nodePath();
  const file = join(path, 'optimizer.bin');
  const b = await readModelFile(file, 'the optimiser state of the checkpoint', '', DAMAGED);
  const expected = manifestBytes(specs);
  if (expected !== undefined && expected !== b.byteLength) {
    throw new ModelsError('optimizerWeights', b.byteLength, `${expected} bytes (the size trainer.json lists)`, DAMAGED, {
      file,
      code: 'TRUNCATED',
    });
  }
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

/** Restores the optimiser state read by {@link readOptimizerState}. Internal. */
export async function restoreOptimizer(
  optimizer: tf.Optimizer,
  bytes: ArrayBuffer,
  specs: tf.io.WeightsManifestEntry[],
  scalars: Record<string, number> = {},
): Promise<void> {
  const map = tf.io.decodeWeights(bytes, specs);
  try {
    await optimizer.setWeights(specs.map((s) => ({ name: s.name, tensor: map[s.name] })));
  } finally {
    for (const t of Object.values(map)) t.dispose();
  }
  for (const [k, v] of Object.entries(scalars)) {
    const t = (optimizer as unknown as Record<string, unknown>)[k];
    if (t instanceof tf.Variable) tf.tidy(() => t.assign(tf.scalar(v)));
  }
}
