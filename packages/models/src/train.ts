import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { categoricalCrossEntropy, type LossFunction } from '@dlkit/layers';
import { createRng, holdOut, permutation, deriveSeed } from '@dlkit/datasets';
import { check, numberIn, positiveInt } from './errors';
import { checkData, checkInputShape, checkLabels, gatherLabels, gatherRows, subsetData, type LabeledData } from './data';
import { createOptimizer, resolveOptimizerSpec, type OptimizerName, type OptimizerSpec } from './optimizers';
import { createSchedule, type LrSchedule } from './schedules';
import { createEarlyStopping, type EarlyStopping, type StopReason } from './early-stopping';
import type { EpochRecord } from './history';
import { ttyProgress, type TrainProgressListener } from './progress';
import {
  latestCheckpoint, readCheckpointIndex, readOptimizerState, restoreOptimizer, restoreWeights, writeCheckpoint, type CheckpointOptions, type TrainerState,
} from './checkpoint';
import { withSeededRandom } from './seeded-random';
import { disposeAbandonedTape } from './abandoned-tape';

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

function kernelsOf(vars: tf.Variable[]): tf.Variable[] {
  return vars.filter((v) => v.rank >= 2);
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
  check(typeof options === 'object' && options !== null, 'options', options, 'an object { epochs, … }');
  const epochs = positiveInt('options.epochs', options.epochs);
  const batchSize = positiveInt('options.batchSize', options.batchSize ?? 32);
  const seed = options.seed ?? 0;
  check(Number.isInteger(seed), 'options.seed', seed, 'an integer');
  checkData('data', data);
  const l1 = numberIn('options.l1', options.l1 ?? 0, 0, Infinity, 'a non-negative number');
  const l2 = numberIn('options.l2', options.l2 ?? 0, 0, Infinity, 'a non-negative number');
  const outShape = model.outputs[0].shape;
  const numClasses = outShape[outShape.length - 1];
  check(model.outputs.length === 1 && outShape.length === 2 && typeof numClasses === 'number', 'model', `outputs ${JSON.stringify(model.outputs.map((o) => o.shape))}`, 'one output of shape [batch, classes]');
  // Every check comes before the optimiser is made: a refused call leaves no tensor behind.
  checkInputShape('data', model, data.shape);
  checkLabels('data', data.labels, numClasses);

  let trainData = data;
  let valData: LabeledData | undefined = options.validationData;
  if (valData !== undefined) {
    checkData('options.validationData', valData);
    checkInputShape('options.validationData', model, valData.shape);
    checkLabels('options.validationData', valData.labels, numClasses);
  } else if (options.validationSplit !== undefined && options.validationSplit > 0) {
    const split = numberIn('options.validationSplit', options.validationSplit, 0, 1, 'a fraction in [0, 1)');
    check(split < 1, 'options.validationSplit', split, 'a fraction in [0, 1)');
    const idx = holdOut(data.shape[0], { testFraction: split, seed: deriveSeed(seed, 0x5eed) });
    trainData = subsetData(data, idx.train);
    valData = subsetData(data, idx.test);
  }
  const { n, size } = checkData('data', trainData);
  check(n > 0, 'data', '0 training samples', 'at least one training sample');
  const valSize = valData === undefined ? 0 : checkData('validation data', valData).size;

  const listener: TrainProgressListener | undefined =
    options.onProgress === true ? ttyProgress() : typeof options.onProgress === 'function' ? options.onProgress : undefined;
  const lossFn: LossFunction = options.loss ?? categoricalCrossEntropy();
  const spec = resolveOptimizerSpec(options.optimizer ?? 'adam');
  const hasVal = valData !== undefined;
  const schedule = createSchedule(options.schedule, spec.learningRate, hasVal);
  const stopping = createEarlyStopping(options.earlyStopping, hasVal);
  const every = options.checkpoint === undefined ? 0 : positiveInt('options.checkpoint.every', options.checkpoint.every ?? 1);
  if (options.checkpoint !== undefined) {
    check(typeof options.checkpoint.dir === 'string' && options.checkpoint.dir.length > 0, 'options.checkpoint.dir', options.checkpoint.dir, 'a folder path');
    positiveInt('options.checkpoint.keep', options.checkpoint.keep ?? 2);
  }
  check(options.resume !== true || options.checkpoint !== undefined, 'options.resume', true, 'a checkpoint folder in options.checkpoint.dir');
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  check(vars.length > 0, 'model', 'no trainable weights', 'at least one trainable weight', 'unfreeze some layers (layer.trainable = true)');

  // The checkpoint files are read (and a damaged index refused) before anything is trained or overwritten.
  let resumeFrom: { path: string; state: TrainerState; optimizerBytes: ArrayBuffer } | null = null;
  if (options.checkpoint !== undefined && options.resume === true) {
    const latest = await latestCheckpoint(options.checkpoint.dir);
    if (latest !== null) {
      check(latest.state.seed === seed, 'options.seed', seed, `the checkpoint's seed ${latest.state.seed}`, 'resume with the same seed for a reproducible run');
      resumeFrom = { ...latest, optimizerBytes: await readOptimizerState(latest.path, latest.state.optimizerWeights) };
    }
  } else if (options.checkpoint !== undefined) {
    // A fresh run prunes the folder's older checkpoints in their write order: it needs a readable index.
    await readCheckpointIndex(options.checkpoint.dir);
  }

  let history: EpochRecord[] = [];
  let startEpoch = 0;
  let lr = spec.learningRate;
  const opt = createOptimizer(spec);
  try {
    if (resumeFrom !== null) {
      const st = resumeFrom.state;
      await restoreWeights(model, resumeFrom.path);
      await restoreOptimizer(opt.optimizer, resumeFrom.optimizerBytes, st.optimizerWeights, st.optimizerScalars);
      history = st.history;
      startEpoch = st.epoch;
      lr = st.learningRate;
      schedule.restore(st.schedule);
      stopping.restore(st.earlyStopping);
    }
  } catch (e) {
    opt.dispose();
    throw e;
  }
  const resumedFrom = startEpoch;

  const kernels = kernelsOf(vars);
  const batches = Math.ceil(n / batchSize);
  let stopReason: StopReason = 'epochs';
  let bestEpoch = 0;

  try {
    for (let epoch = startEpoch; epoch < epochs; epoch++) {
      lr = schedule.beforeEpoch(epoch, lr);
      opt.setLearningRate(lr);
      const t0 = performance.now();
      const order = options.shuffle === false ? null : permutation(n, deriveSeed(seed, epoch + 1));
      // One stream per epoch, so a run resumed from a checkpoint draws the same dropout masks.
      const random = createRng(deriveSeed(seed, 0xd40 + epoch));
      let lossSum: tf.Scalar = tf.scalar(0);
      let correct: tf.Scalar = tf.scalar(0);
      let aborted = false;
      try {
        for (let b = 0; b < batches; b++) {
          const start = b * batchSize;
          const end = Math.min(n, start + batchSize);
          const rows = end - start;
          const x = gatherRows(trainData, size, order, start, end);
          const y = gatherLabels(trainData, order, start, end);
          let batchCorrect: tf.Scalar | undefined;
          let loss: tf.Scalar | undefined;
          try {
            loss = withSeededRandom(random, () => opt.optimizer.minimize(() => {
              const probs = model.apply(x, { training: true }) as tf.Tensor; // dropout, noise, batch statistics on
              const targets = tf.cast(tf.oneHot(y, numClasses), 'float32');
              let total: tf.Scalar = lossFn(targets, probs);
              batchCorrect = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), y), 'float32')) as tf.Scalar);
              const reg = model.calculateLosses();
              if (reg.length > 0) total = tf.add(total, tf.addN(reg)) as tf.Scalar;
              if (l1 > 0) total = tf.add(total, tf.mul(l1, tf.addN(kernels.map((k) => tf.sum(tf.abs(k)))))) as tf.Scalar;
              if (l2 > 0) total = tf.add(total, tf.mul(l2, tf.addN(kernels.map((k) => tf.sum(tf.square(k)))))) as tf.Scalar;
              return total;
            }, true, vars)) as tf.Scalar;
            const stepLoss = loss;
            const nextLoss = tf.tidy(() => tf.add(lossSum, tf.mul(stepLoss, rows)) as tf.Scalar);
            const nextCorrect = tf.tidy(() => tf.add(correct, batchCorrect as tf.Scalar) as tf.Scalar);
            lossSum.dispose();
            correct.dispose();
            lossSum = nextLoss;
            correct = nextCorrect;
            if (listener !== undefined) {
              const value = loss.dataSync()[0];
              listener({ type: 'batch', epoch: epoch + 1, epochs, batch: b + 1, batches, loss: value, seconds: (performance.now() - t0) / 1000 });
            }
          } catch (e) {
            disposeAbandonedTape();
            throw e;
          } finally {
            // Also when a loss function or a listener throws: a failed call leaves no tensor behind.
            tf.dispose([x, y, ...(loss ? [loss] : []), ...(batchCorrect ? [batchCorrect as tf.Scalar] : [])]);
          }
          if (options.signal?.aborted) {
            aborted = true;
            break;
          }
          // Let timers and signals run between batches without a per-batch sync.
          if ((b & 15) === 15) await new Promise<void>((r) => setImmediate(r));
        }
      } catch (e) {
        tf.dispose([lossSum, correct]);
        throw e;
      }
      const trainLoss = (await lossSum.data())[0] / n;
      const trainAcc = (await correct.data())[0] / n;
      tf.dispose([lossSum, correct]);
      if (aborted) {
        stopReason = 'aborted';
        break;
      }
      let valLoss: number | null = null;
      let valAcc: number | null = null;
      if (valData !== undefined) {
        ({ loss: valLoss, accuracy: valAcc } = validate(model, valData, valSize, batchSize, numClasses, lossFn));
      }
      const seconds = (performance.now() - t0) / 1000;
      const record: EpochRecord = {
        epoch: epoch + 1,
        loss: trainLoss,
        accuracy: trainAcc,
        valLoss,
        valAccuracy: valAcc,
        learningRate: lr,
        seconds,
        samplesPerSecond: n / seconds,
      };
      history.push(record);
      listener?.({ type: 'epoch', epochs, record });
      const reason = stopping.update(record);
      bestEpoch = stopping.state().bestEpoch;
      lr = schedule.afterEpoch(record, lr);
      const last = reason !== null || epoch + 1 === epochs;
      if (options.checkpoint !== undefined && ((epoch + 1) % every === 0 || last)) {
        await writeCheckpoint(options.checkpoint, model, opt.optimizer, {
          epoch: epoch + 1,
          learningRate: lr,
          history,
          schedule: schedule.state(),
          earlyStopping: stopping.state(),
          optimizer: opt.spec,
          seed,
        });
      }
      if (reason !== null) {
        stopReason = reason;
        break;
      }
    }
  } finally {
    opt.dispose();
  }
  return {
    history,
    stopReason,
    epochs: history.length,
    bestEpoch,
    resumedFrom,
    seconds: (performance.now() - started) / 1000,
    learningRate: lr,
  };
}

/** Mean loss and accuracy of `model` on `data`, in batches, one read-back at the end. Internal. */
export function validate(
  model: LayersModel,
  data: LabeledData,
  size: number,
  batchSize: number,
  numClasses: number,
  lossFn: LossFunction,
): { loss: number; accuracy: number } {
  const n = data.shape[0];
  if (n === 0) return { loss: NaN, accuracy: NaN };
  let lossSum: tf.Scalar = tf.scalar(0);
  let correct: tf.Scalar = tf.scalar(0);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const [l, c] = tf.tidy(() => {
      const x = gatherRows(data, size, null, start, end);
      const y = gatherLabels(data, null, start, end);
      const probs = model.apply(x) as tf.Tensor;
      const batchLoss = lossFn(tf.cast(tf.oneHot(y, numClasses), 'float32'), probs);
      return [
        tf.add(lossSum, tf.mul(batchLoss, end - start)) as tf.Scalar,
        tf.add(correct, tf.sum(tf.cast(tf.equal(tf.argMax(probs, -1), y), 'float32'))) as tf.Scalar,
      ];
    });
    lossSum.dispose();
    correct.dispose();
    lossSum = l;
    correct = c;
  }
  const loss = lossSum.dataSync()[0] / n;
  const accuracy = correct.dataSync()[0] / n;
  tf.dispose([lossSum, correct]);
  return { loss, accuracy };
}
