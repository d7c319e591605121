import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { LossFunction } from '@dlkit/layers';
import type { LabeledData } from './data';
import { createOptimizer, type OptimizerName, type OptimizerSpec } from './optimizers';
import type { LrSchedule } from './schedules';
import type { EarlyStopping, StopReason } from './early-stopping';
import type { EpochRecord } from './history';
import type { TrainProgressListener } from './progress';
import { writeCheckpoint, type CheckpointOptions } from './checkpoint';
import { lockCheckpointDir } from './checkpoint-lock';
import { planTraining, type TrainPlan } from './train-plan';
import { findResumePoint, restoreRun, type RunStart } from './train-resume';
import { trainEpoch } from './train-epoch';
import { validate } from './validate';

/** Options of {@link train}. */
export interface TrainOptions {
  /** Total number of epochs (a resumed run continues up to this number). */
  epochs: number;
  /** Samples per gradient step. Default 32. */
  batchSize?: number;
  /** Fraction of `data` held out (seeded) for validation, in [0, 1). Ignored when `validationData` is given. */
  validationSplit?: number;
  /** Separate validation samples. */
  validationData?: LabeledData;
  /** Optimiser: a name (defaults: SGD/momentum η = 0.01, Adadelta η = 1, Adam η = 0.001) or a spec. Default `'adam'`. */
  optimizer?: OptimizerSpec | OptimizerName;
  /** Learning-rate schedule (step, plateau, halve-on-plateau, ÷10-on-plateau, or a function). */
  schedule?: LrSchedule;
  /** L1 penalty `λ Σ|w|` on every kernel (weights of rank ≥ 2, not biases or normalisation parameters). */
  l1?: number;
  /** L2 penalty (weight decay) `λ Σ w²` on every kernel. Regularisers set on layers are always added too. */
  l2?: number;
  /** Loss of (one-hot targets, model output). Default cross-entropy on the model's probabilities. */
  loss?: LossFunction;
  /** Stop early by patience and/or a loss threshold. */
  earlyStopping?: EarlyStopping;
  /** Seed of the shuffling, the validation split and the dropout/noise masks: same seed, same model init → same weights. Default 0. */
  seed?: number;
  /** Shuffle the training samples every epoch. Default true. */
  shuffle?: boolean;
  /**
   * Progress: a listener, `true` for the default TTY bar ({@link ttyProgress}, silent when not a TTY or in CI),
   * or `false`/absent for none. Library code prints nothing otherwise.
   */
  onProgress?: TrainProgressListener | boolean;
  /** Write checkpoints. */
  checkpoint?: CheckpointOptions;
  /** Continue from the newest checkpoint in `checkpoint.dir` if there is one. Default false. */
  resume?: boolean;
  /** Stop after the current batch when aborted (the result says `'aborted'`). */
  signal?: AbortSignal;
}

/** What {@link train} returns. */
export interface TrainResult {
  /** One record per epoch (including those of a resumed run's earlier part). */
  history: EpochRecord[];
  /** Why training ended. */
  stopReason: StopReason;
  /** Epochs completed in total. */
  epochs: number;
  /** Epoch (1-based) with the best monitored value, as early stopping saw it (0 when not tracked). */
  bestEpoch: number;
  /** Epoch the run resumed after (0 for a fresh run). */
  resumedFrom: number;
  /** Wall time of this call, seconds. */
  seconds: number;
  /** Learning rate at the end. */
  learningRate: number;
}

/**
 * Trains a classifier with mini-batch gradient descent — `model.fit` semantics (epochs, batch size,
 * validation split or set, shuffling) plus what the seed experiments need: SGD / momentum / Adadelta / Adam,
 * L1/L2 decay, step and plateau learning-rate schedules, early stopping by patience or by a loss threshold,
 * seeded and reproducible runs, per-epoch history, a TTY progress bar, atomic checkpoints and resume.
 *
 * The model maps a batch of samples to class scores `[batch, classes]` (probabilities with the default
 * loss). Labels are class ids. Per batch, only the loss value is read back, and only when a progress
 * listener is set; everything else stays on the device and is read once per epoch.
 *
 * @example
 * ```ts
 * import { initBackend } from '@dlkit/backend';
 * import { loadMnistSample } from '@dlkit/datasets';
 * import { mnistConvNet, train } from '@dlkit/models';
 * await initBackend();
 * const { train: data } = await loadMnistSample({ dtype: 'float32' });
 * const model = mnistConvNet({ seed: 1 });
 * const { history } = await train(model, data, {
 *   epochs: 10, batchSize: 32, validationSplit: 0.1, optimizer: { name: 'momentum', learningRate: 0.05 },
 *   schedule: { type: 'halveOnPlateau' }, earlyStopping: { patience: 3 }, onProgress: true,
 * });
 * ```
 */
export async function train(model: LayersModel, data: LabeledData, options: TrainOptions): Promise<TrainResult> {
  const started = performance.now();
  // Every check comes before the optimiser is made: a refused call leaves no tensor behind.
  const plan = planTraining(model, data, options);
  const { epochs, seed, schedule, stopping } = plan;
  // One writer per checkpoint folder, taken before anything is read from it.
  const lock = options.checkpoint === undefined ? undefined : await lockCheckpointDir(options.checkpoint.dir);
  let resumePoint: Awaited<ReturnType<typeof findResumePoint>>;
  try {
    resumePoint = await findResumePoint(options.checkpoint, options.resume, seed);
  } catch (e) {
    await lock?.release();
    throw e;
  }

  const opt = createOptimizer(plan.spec);
  let start: RunStart;
  try {
    start = await restoreRun(resumePoint, model, opt.optimizer, schedule, stopping, plan.spec.learningRate);
  } catch (e) {
    opt.dispose();
    await lock?.release();
    throw e;
  }
  const { history, startEpoch } = start;
  let lr = start.learningRate;
  let stopReason: StopReason = 'epochs';
  let bestEpoch = 0;

  try {
    for (let epoch = startEpoch; epoch < epochs; epoch++) {
      lr = schedule.beforeEpoch(epoch, lr);
      opt.setLearningRate(lr);
      const t0 = performance.now();
      const outcome = await trainEpoch(model, plan, opt.optimizer, epoch, {
        shuffle: options.shuffle !== false,
        signal: options.signal,
        startedAt: t0,
      });
      if (outcome.aborted) {
        stopReason = 'aborted';
        break;
      }
      const val =
        plan.valData === undefined
          ? null
          : validate(model, plan.valData, plan.valSize, plan.batchSize, plan.numClasses, plan.lossFn);
      const seconds = (performance.now() - t0) / 1000;
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: outcome.loss,
        accuracy: outcome.accuracy,
        valLoss: val?.loss ?? null,
        valAccuracy: val?.accuracy ?? null,
        learningRate: lr,
        seconds,
        samplesPerSecond: plan.n / seconds,
      };
      history.push(record);
      plan.listener?.({ type: 'epoch', epochs, record });
      const reason = stopping.update(record);
      bestEpoch = stopping.state().bestEpoch;
      lr = schedule.afterEpoch(record, lr);
      await checkpointAfterEpoch(options.checkpoint, plan, model, opt, {
        epoch: epoch + 1,
        last: reason !== null || epoch + 1 === epochs,
        learningRate: lr,
        history,
      });
      if (reason !== null) {
        stopReason = reason;
        break;
      }
    }
  } finally {
    opt.dispose();
    await lock?.release();
  }
  return {
    history,
    stopReason,
    epochs: history.length,
    bestEpoch,
    resumedFrom: startEpoch,
    seconds: (performance.now() - started) / 1000,
    learningRate: lr,
  };
}

/**
 * Writes the checkpoint of a finished epoch when one is due: every `checkpoint.every` epochs and after the last
 * one (the planned last epoch, or the one early stopping ends on). Internal.
 */
async function checkpointAfterEpoch(
  checkpoint: CheckpointOptions | undefined,
  plan: TrainPlan,
  model: LayersModel,
  opt: ReturnType<typeof createOptimizer>,
  at: { epoch: number; last: boolean; learningRate: number; history: EpochRecord[] },
): Promise<void> {
  if (checkpoint === undefined || !(at.epoch % plan.checkpointEvery === 0 || at.last)) return;
  await writeCheckpoint(checkpoint, model, opt.optimizer, {
    epoch: at.epoch,
    learningRate: at.learningRate,
    history: at.history,
    schedule: plan.schedule.state(),
    earlyStopping: plan.stopping.state(),
    optimizer: opt.spec,
    seed: plan.seed,
  });
}
