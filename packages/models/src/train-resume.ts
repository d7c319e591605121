import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { check } from './errors';
import {
  latestCheckpoint, readCheckpointIndex, readOptimizerState, restoreOptimizer, restoreWeights, type CheckpointOptions, type TrainerState,
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
 * is readable. A damaged index or checkpoint, or another seed than the checkpoint's, is refused here. Internal.
 */
export async function findResumePoint(checkpoint: CheckpointOptions | undefined, resume: boolean | undefined, seed: number): Promise<ResumePoint | null> {
  if (checkpoint === undefined) return null;
  if (resume !== true) {
    await readCheckpointIndex(checkpoint.dir);
    return null;
  }
  const latest = await latestCheckpoint(checkpoint.dir);
  if (latest === null) return null;
  check(latest.state.seed === seed, 'options.seed', seed, `the checkpoint's seed ${latest.state.seed}`, 'resume with the same seed for a reproducible run');
  return { ...latest, optimizerBytes: await readOptimizerState(latest.path, latest.state.optimizerWeights) };
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
  const st = point.state;
  await restoreWeights(model, point.path);
  await restoreOptimizer(optimizer, point.optimizerBytes, st.optimizerWeights, st.optimizerScalars);
  schedule.restore(st.schedule);
  stopping.restore(st.earlyStopping);
  return { history: st.history, startEpoch: st.epoch, learningRate: st.learningRate };
}
