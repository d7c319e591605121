import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { check } from './errors';
import {
  latestCheckpoint,
  readCheckpointIndex,
  readOptimizerState,
  restoreOptimizer,
  restoreWeights,
  type CheckpointOptions,
  type TrainerState,
} from './checkpoint';
import type { EarlyStoppingRunner } from './early-stopping';
import type { EpochRecord } from './history';
import type { ScheduleRunner } from './schedules';

/** The checkpoint a run resumes from, its files already read. Internal. */
export interface ResumePoint {
  path: string;
  state: TrainerState;
  optimizerBytes: ArrayBuffer;
}

/**
 * Reads, before anything is trained or overwritten, the newest checkpoint to resume from (`resume`), or — for a
 * fresh run that will prune the folder's older checkpoints in their write order — checks that the folder's index
 * is readable. A damaged index or checkpoint, or another seed than the checkpoint's, is refused here. Returns
 * `null` for a fresh start. Shared by `train` and siamese's `trainSiamese`.
 */
export async function findResumePoint(
  checkpoint: CheckpointOptions | undefined,
  resume: boolean | undefined,
  seed: number,
): Promise<ResumePoint | null> {
  if (checkpoint === undefined) return null;
  if (resume !== true) {
    await readCheckpointIndex(checkpoint.dir);
    return null;
  }
  const latest = await latestCheckpoint(checkpoint.dir);
  if (latest === null) return null;
  check(
    latest.state.seed === seed,
    'options.seed',
    seed,
    `the checkpoint's seed ${latest.state.seed}`,
    'resume with the same seed for a reproducible run',
  );
  return { ...latest, optimizerBytes: await readOptimizerState(latest.path, latest.state.optimizerWeights) };
}

/**
 * Puts a checkpoint's weights into `model` and its slots into `optimizer` (checking the architecture first), and
 * returns its trainer state: the part of resuming that every training loop shares (`train`, `trainSiamese`).
 *
 * @example
 * ```ts
 * const point = await findResumePoint({ dir: 'runs/a' }, true, seed);
 * if (point) { const state = await restoreCheckpoint(point, model, optimizer); step = state.epoch; }
 * ```
 */
export async function restoreCheckpoint(point: ResumePoint, model: LayersModel, optimizer: tf.Optimizer): Promise<TrainerState> {
  const st = point.state;
  await restoreWeights(model, point.path);
  await restoreOptimizer(optimizer, point.optimizerBytes, st.optimizerWeights, st.optimizerScalars);
  return st;
}

/** Where a resumed run stands: the history so far, the next epoch (0-based) and the learning rate. Internal. */
export interface RunStart {
  history: EpochRecord[];
  startEpoch: number;
  learningRate: number;
}

/**
 * Puts the model's weights, the optimiser's slots, the schedule and early stopping back as they were after the
 * checkpoint's epoch (or starts afresh when `point` is null). Internal.
 */
export async function restoreRun(
  point: ResumePoint | null,
  model: LayersModel,
  optimizer: tf.Optimizer,
  schedule: ScheduleRunner,
  stopping: EarlyStoppingRunner,
  initialLearningRate: number,
): Promise<RunStart> {
  if (point === null) return { history: [], startEpoch: 0, learningRate: initialLearningRate };
  const st = await restoreCheckpoint(point, model, optimizer);
  schedule.restore(st.schedule);
  stopping.restore(st.earlyStopping);
  return { history: st.history, startEpoch: st.epoch, learningRate: st.learningRate };
}
