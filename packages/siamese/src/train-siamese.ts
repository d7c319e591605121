import * as tf from '@tensorflow/tfjs-core';
import { contrastiveLoss, CONTRASTIVE_FORMS, type ContrastiveForm } from '@dlkit/layers';
import { createRng, deriveSeed, type Rng, yieldToEventLoop } from '@dlkit/core';
import {
  createOptimizer,
  findResumePoint,
  lockCheckpointDir,
  restoreCheckpoint,
  trainingStep,
  writeCheckpoint,
  type CheckpointOptions,
  type OptimizerName,
  type OptimizerSpec,
} from '@dlkit/models';
import { check, positiveInt, SiameseError } from './errors';
import { checkImageSet, gatherPixels, type ImageSet } from './image-set';
import { checkPairs, pairLoss } from './pair-loss';
import type { PairIndices, PairSampler, PairStrategy } from './pair-sampler';
import type { SiameseNetwork } from './siamese';

/** Held-out evaluation during {@link trainSiamese}. */
export interface SiameseEvaluationOptions {
  /** The fixed pairs (see {@link evaluationPairs}), indices into `data`. */
  pairs: PairIndices;
  /** Images the pairs index. Default: the training data. */
  data?: ImageSet;
  /** Evaluate every this many steps (and before the first and after the last). Default 100. */
  every?: number;
  /** Pairs per forward pass. Default 256. */
  batchSize?: number;
}

/** What {@link trainSiamese} reports at each evaluation. */
export interface SiameseProgress {
  /** Steps done. */
  step: number;
  /** Steps planned. */
  steps: number;
  /** Mean training loss since the previous evaluation (`null` at step 0). */
  trainLoss: number | null;
  /** Held-out pair loss (`null` without `evaluation`). */
  evalLoss: number | null;
  /** Milliseconds since training started. */
  elapsedMs: number;
}

/**
 * A training-time augmentation: takes the float pixels of one branch's batch (`shape` = `[pairs, h, w, c]`,
 * NHWC) and returns new pixels of the same length — e.g. `@dlkit/datasets`' `randomCrop` then `horizontalFlip`,
 * drawing from `random`.
 */
export type PairAugmentation = (images: Float32Array, shape: [number, number, number, number], random: Rng) => Float32Array;

/** Options of {@link trainSiamese}. */
export interface TrainSiameseOptions {
  /** Where the training pairs come from (a seeded {@link PairSampler} over the training labels). */
  sampler: PairSampler;
  /** Number of optimisation steps (one sampler batch each). */
  steps: number;
  /** Contrastive loss form (`@dlkit/layers`): `'half-squared'` (form 1), `'squared'` (form 2) or `'hadsell'`. Default `'half-squared'`. */
  form?: ContrastiveForm;
  /** Margin m of the contrastive loss. Default 1.0. */
  margin?: number;
  /** Optimiser (`@dlkit/models`' specs). Default `{ name: 'adam', learningRate: 0.001 }`. */
  optimizer?: OptimizerSpec | OptimizerName;
  /** Held-out pair loss every N steps. Default: none. */
  evaluation?: SiameseEvaluationOptions;
  /**
   * Augments each branch's training images, drawn anew every step (left, then right) from a stream seeded by
   * `seed` and the step, so a resumed run sees the same images as an uninterrupted one. Held-out pairs are not
   * augmented. Default: none.
   */
  augment?: PairAugmentation;
  /** Called at every evaluation point (opt-in progress; the library prints nothing itself). */
  onProgress?: (progress: SiameseProgress) => void;
  /**
   * Seed of the dropout and noise masks of the network (the pairs come from the sampler's own seed): the same
   * seeds and initial weights give the same trained network. Default 0.
   */
  seed?: number;
  /** Stop after the current step when aborted (the history says `stopReason: 'aborted'`). */
  signal?: AbortSignal;
  /**
   * Write checkpoints through `@dlkit/models` (its files and guarantees: atomic, pruned to `keep`): `every` counts
   * steps here (default: at every evaluation point), and a checkpoint is always written after the last step. The
   * folder's `epoch-NNNN` names count steps.
   */
  checkpoint?: CheckpointOptions;
  /**
   * Continue from the newest checkpoint in `checkpoint.dir` if there is one (same `seed`; pass a fresh sampler
   * made with the same options: it is advanced past the pairs already trained on). Default false.
   */
  resume?: boolean;
}

/** One evaluation point of a {@link SiameseHistory}. */
export interface SiameseEvaluationRecord {
  step: number;
  /** Mean training loss over the steps since the previous record (`null` at step 0). */
  trainLoss: number | null;
  /** Held-out pair loss (`null` when training ran without `evaluation`). */
  evalLoss: number | null;
  elapsedMs: number;
}

/** The record of a {@link trainSiamese} run: plain numbers and strings, ready for `JSON.stringify`. */
export interface SiameseHistory {
  strategy: PairStrategy;
  form: ContrastiveForm;
  margin: number;
  batchSize: number;
  sameFraction: number;
  steps: number;
  optimizer: OptimizerSpec;
  /** Training loss of every step (the batch mean). */
  trainLoss: number[];
  /** Evaluation points: step 0, every `evaluation.every` steps, and the last step. */
  evaluations: SiameseEvaluationRecord[];
  /** Wall-clock milliseconds of the whole run. */
  elapsedMs: number;
  /** `'steps'` when every planned step ran, `'aborted'` when `signal` stopped it (then `trainLoss` is shorter). */
  stopReason: 'steps' | 'aborted';
  /** The step a resumed run continued after (0 for a fresh run). */
  resumedFrom: number;
}

/**
 * Trains a siamese network with the contrastive loss on pairs from a sampler: each step draws a batch of
 * pairs, runs both branches, and takes one optimiser step on the shared weights — `@dlkit/models`'
 * `trainingStep`, the step models' `train` takes, so dropout and noise masks are seeded (`seed`) and a failing
 * step leaks nothing. With `evaluation`, the mean loss over a fixed set of held-out pairs is measured every N
 * steps. The step losses stay on the device and are read back at those points only (no sync per step); a
 * non-finite loss is reported there, naming its step. `signal` stops the run after the current step. Tensors
 * are created and disposed step by step; the network is trained in place.
 *
 * @example
 * ```ts
 * const net = siamese(embeddingConvNet({ seed: 1 }));
 * const history = await trainSiamese(net, train, {
 *   sampler: randomPairSampler(train.labels, { batchSize: 64, seed: 1 }),
 *   steps: 500, form: 'squared', margin: 1,
 *   evaluation: { pairs: evaluationPairs(test.labels), data: test, every: 50 },
 * });
 * await writeFile('history.json', JSON.stringify(history));
 * ```
 */
export async function trainSiamese(net: SiameseNetwork, data: ImageSet, options: TrainSiameseOptions): Promise<SiameseHistory> {
  // Every check comes before the optimiser is made: a refused call leaves no tensor behind.
  checkImageSet(data, 'data', net.inputShape);
  check(options !== null && typeof options === 'object', 'options', options, 'an options object with sampler and steps');
  const { sampler } = options;
  check(
    sampler !== null && typeof sampler === 'object' && typeof sampler.next === 'function',
    'options.sampler',
    sampler,
    'a PairSampler (anchorPairSampler / randomPairSampler)',
  );
  const steps = positiveInt('options.steps', options.steps);
  const form = options.form ?? 'half-squared';
  check(CONTRASTIVE_FORMS.includes(form), 'options.form', form, `one of ${CONTRASTIVE_FORMS.join(', ')}`);
  const margin = options.margin ?? 1;
  check(typeof margin === 'number' && Number.isFinite(margin) && margin > 0, 'options.margin', margin, 'a positive number');
  const seed = options.seed ?? 0;
  check(Number.isInteger(seed), 'options.seed', seed, 'an integer');
  const loss = contrastiveLoss({ form, margin });
  const augment = options.augment;
  check(
    augment === undefined || typeof augment === 'function',
    'options.augment',
    augment,
    'a function (images, shape, random) => images',
  );
  const evaluation = options.evaluation;
  const evalData = evaluation?.data ?? data;
  const every = positiveInt('options.evaluation.every', evaluation?.every ?? 100);
  if (evaluation !== undefined) {
    checkImageSet(evalData, evaluation.data === undefined ? 'data' : 'options.evaluation.data', net.inputShape);
    checkPairs(evaluation.pairs, evalData.shape[0], 'options.evaluation.pairs');
  }
  const checkpointEvery =
    options.checkpoint === undefined ? 0 : positiveInt('options.checkpoint.every', options.checkpoint.every ?? every);
  if (options.checkpoint !== undefined) {
    check(
      typeof options.checkpoint.dir === 'string' && options.checkpoint.dir.length > 0,
      'options.checkpoint.dir',
      options.checkpoint.dir,
      'a folder path',
    );
  }
  check(
    options.resume !== true || options.checkpoint !== undefined,
    'options.resume',
    true,
    'a checkpoint folder in options.checkpoint.dir',
  );
  // One writer per checkpoint folder (see @dlkit/models' lockCheckpointDir), taken before it is read.
  const lock = options.checkpoint === undefined ? undefined : await lockCheckpointDir(options.checkpoint.dir);
  // The checkpoint is read (and a damaged one refused) before anything is made or trained.
  let resumePoint: Awaited<ReturnType<typeof findResumePoint>>;
  let scheduled: ReturnType<typeof createOptimizer>;
  try {
    resumePoint = await findResumePoint(options.checkpoint, options.resume, seed);
    if (resumePoint !== null) {
      check(
        resumePoint.state.epoch <= steps,
        'options.steps',
        steps,
        `at least the ${resumePoint.state.epoch} steps of the checkpoint`,
      );
      check(
        isSiameseExtra(resumePoint.state.extra),
        'options.checkpoint.dir',
        resumePoint.path,
        'a checkpoint written by trainSiamese',
      );
    }
    scheduled = createOptimizer(options.optimizer ?? { name: 'adam', learningRate: 0.001 });
  } catch (e) {
    await lock?.release();
    throw e;
  }
  const optimizer = scheduled.optimizer;
  const vars = net.twin.trainableWeights.map((w) => w.read() as tf.Variable);
  const n = data.shape[0];

  const t0 = Date.now();
  const trainLoss: number[] = [];
  const evaluations: SiameseEvaluationRecord[] = [];
  // Step losses not read back yet (device scalars), and the step of the first of them.
  let pending: tf.Scalar[] = [];
  const readPending = async (): Promise<void> => {
    if (pending.length === 0) return;
    const stacked = tf.stack(pending);
    const values = await stacked.data();
    stacked.dispose();
    tf.dispose(pending);
    pending = [];
    const firstStep = trainLoss.length + 1;
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        throw new SiameseError(
          'options.optimizer',
          `loss ${values[i]} at step ${firstStep + i}`,
          'a finite training loss',
          'The training diverged: lower the learning rate',
        );
      }
      trainLoss.push(values[i]);
    }
  };
  let windowStart = 0;
  const record = async (step: number): Promise<void> => {
    await readPending();
    const window = trainLoss.slice(windowStart);
    windowStart = trainLoss.length;
    const record: SiameseEvaluationRecord = {
      step,
      trainLoss: window.length ? window.reduce((a, b) => a + b, 0) / window.length : null,
      evalLoss:
        evaluation === undefined
          ? null
          : pairLoss(net, evalData, evaluation.pairs, { form, margin, batchSize: evaluation.batchSize }),
      elapsedMs: Date.now() - t0,
    };
    evaluations.push(record);
    options.onProgress?.({ ...record, steps });
  };

  const save = async (step: number): Promise<void> => {
    if (options.checkpoint === undefined) return;
    await readPending();
    const extra: SiameseCheckpointExtra = { trainLoss, evaluations, windowStart };
    await writeCheckpoint(options.checkpoint, net.embedding, optimizer, {
      epoch: step,
      learningRate: scheduled.learningRate(),
      history: [],
      schedule: { best: null, wait: 0, decaying: false },
      earlyStopping: { best: null, wait: 0, bestEpoch: 0 },
      optimizer: scheduled.spec,
      seed,
      extra: extra as unknown as Record<string, unknown>,
    });
  };

  let stopReason: SiameseHistory['stopReason'] = 'steps';
  let firstStep = 1;
  try {
    if (resumePoint !== null) {
      const state = await restoreCheckpoint(resumePoint, net.embedding, optimizer);
      const extra = state.extra as unknown as SiameseCheckpointExtra;
      trainLoss.push(...extra.trainLoss);
      evaluations.push(...extra.evaluations);
      windowStart = extra.windowStart;
      // The sampler is a seeded stream: skip the batches the checkpointed run already trained on.
      for (let i = 0; i < state.epoch; i++) sampler.next();
      firstStep = state.epoch + 1;
    } else {
      await record(0);
    }
    for (let step = firstStep; step <= steps; step++) {
      const pairs = sampler.next();
      if (step === 1) checkPairs(pairs, n, 'options.sampler.next()');
      // One mask stream per step: a run's masks do not depend on how it was split into calls.
      const random = createRng(deriveSeed(seed, 0xd40 + step));
      const augmentRandom = augment === undefined ? undefined : createRng(deriveSeed(seed, 0xa06 + step));
      const images = (indices: Int32Array): tf.Tensor4D => {
        const shape: [number, number, number, number] = [indices.length, data.shape[1], data.shape[2], data.shape[3]];
        const pixels = gatherPixels(data, indices);
        if (augment === undefined || augmentRandom === undefined) return tf.tensor4d(pixels, shape);
        const out = augment(pixels, shape, augmentRandom);
        check(
          out instanceof Float32Array && out.length === pixels.length,
          'options.augment',
          out instanceof Float32Array ? `${out.length} values` : out,
          `a Float32Array of the ${pixels.length} pixels it was given (shape [${shape.join(', ')}])`,
        );
        return tf.tensor4d(out, shape);
      };
      pending.push(
        tf.tidy(() => {
          const x1 = images(pairs.left);
          const x2 = images(pairs.right);
          const y = tf.tensor1d(Float32Array.from(pairs.same));
          return trainingStep(optimizer, () => loss(y, net.twin.apply([x1, x2], { training: true }) as tf.Tensor), {
            vars,
            random,
          });
        }),
      );
      if (options.signal?.aborted && step < steps) {
        stopReason = 'aborted';
        await record(step);
        break;
      }
      if (step % every === 0 || step === steps) await record(step);
      // Let timers and an abort signal run now and then (browser-safe).
      else if ((step & 15) === 0) await yieldToEventLoop();
      if (checkpointEvery > 0 && (step % checkpointEvery === 0 || step === steps)) await save(step);
    }
  } finally {
    tf.dispose(pending);
    optimizer.dispose();
    await lock?.release();
  }
  return {
    strategy: sampler.strategy,
    form,
    margin,
    batchSize: sampler.batchSize,
    sameFraction: sampler.sameFraction,
    steps,
    optimizer: { ...scheduled.spec },
    trainLoss,
    evaluations,
    elapsedMs: Date.now() - t0,
    stopReason,
    resumedFrom: firstStep - 1,
  };
}

/** What a siamese checkpoint keeps besides the weights and the optimiser. Internal. */
interface SiameseCheckpointExtra {
  trainLoss: number[];
  evaluations: SiameseEvaluationRecord[];
  windowStart: number;
}

function isSiameseExtra(extra: unknown): boolean {
  const e = extra as Partial<SiameseCheckpointExtra> | undefined;
  return (
    typeof e === 'object' &&
    e !== null &&
    Array.isArray(e.trainLoss) &&
    e.trainLoss.every((v) => typeof v === 'number') &&
    Array.isArray(e.evaluations) &&
    Number.isInteger(e.windowStart)
  );
}
