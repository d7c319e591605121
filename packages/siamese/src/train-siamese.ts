import * as tf from '@tensorflow/tfjs-core';
import { contrastiveLoss, CONTRASTIVE_FORMS, type ContrastiveForm } from '@dlkit/layers';
import { createOptimizer, type OptimizerName, type OptimizerSpec } from '@dlkit/models';
import { check, positiveInt, SiameseError } from './errors';
import { checkImageSet, gatherImages, type ImageSet } from './image-set';
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
  /** Called at every evaluation point (opt-in progress; the library prints nothing itself). */
  onProgress?: (progress: SiameseProgress) => void;
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
}

/**
 * Trains a siamese network with the contrastive loss on pairs from a sampler: each step draws a batch of
 * pairs, runs both branches, and takes one optimiser step on the shared weights. With `evaluation`, the
 * mean loss over a fixed set of held-out pairs is measured every N steps. Tensors are created and
 * disposed step by step; the network is trained in place.
 *
 * @example
 * ```ts
 * const net = siamese(embeddingConvNet({ seed: 1 }));
 * const history = trainSiamese(net, train, {
 *   sampler: randomPairSampler(train.labels, { batchSize: 64, seed: 1 }),
 *   steps: 500, form: 'squared', margin: 1,
 *   evaluation: { pairs: evaluationPairs(test.labels), data: test, every: 50 },
 * });
 * await writeFile('history.json', JSON.stringify(history));
 * ```
 */
export function trainSiamese(net: SiameseNetwork, data: ImageSet, options: TrainSiameseOptions): SiameseHistory {
  // Every check comes before the optimiser is made: a refused call leaves no tensor behind.
  checkImageSet(data, 'data', net.inputShape);
  check(options !== null && typeof options === 'object', 'options', options, 'an options object with sampler and steps');
  const { sampler } = options;
  check(sampler !== null && typeof sampler === 'object' && typeof sampler.next === 'function', 'options.sampler', sampler, 'a PairSampler (anchorPairSampler / randomPairSampler)');
  const steps = positiveInt('options.steps', options.steps);
  const form = options.form ?? 'half-squared';
  check(CONTRASTIVE_FORMS.includes(form), 'options.form', form, `one of ${CONTRASTIVE_FORMS.join(', ')}`);
  const margin = options.margin ?? 1;
  check(typeof margin === 'number' && Number.isFinite(margin) && margin > 0, 'options.margin', margin, 'a positive number');
  const loss = contrastiveLoss({ form, margin });
  const evaluation = options.evaluation;
  const evalData = evaluation?.data ?? data;
  const every = positiveInt('options.evaluation.every', evaluation?.every ?? 100);
  if (evaluation !== undefined) {
    checkImageSet(evalData, evaluation.data === undefined ? 'data' : 'options.evaluation.data', net.inputShape);
    checkPairs(evaluation.pairs, evalData.shape[0], 'options.evaluation.pairs');
  }
  const scheduled = createOptimizer(options.optimizer ?? { name: 'adam', learningRate: 0.001 });
  const optimizer = scheduled.optimizer;
  const vars = net.twin.trainableWeights.map((w) => w.read() as tf.Variable);
  const n = data.shape[0];

  const t0 = Date.now();
  const trainLoss: number[] = [];
  const evaluations: SiameseEvaluationRecord[] = [];
  let windowStart = 0;
  const record = (step: number): void => {
    const window = trainLoss.slice(windowStart);
    windowStart = trainLoss.length;
    const record: SiameseEvaluationRecord = {
      step,
      trainLoss: window.length ? window.reduce((a, b) => a + b, 0) / window.length : null,
      evalLoss: evaluation === undefined ? null : pairLoss(net, evalData, evaluation.pairs, { form, margin, batchSize: evaluation.batchSize }),
      elapsedMs: Date.now() - t0,
    };
    evaluations.push(record);
    options.onProgress?.({ ...record, steps });
  };

  try {
    record(0);
    for (let step = 1; step <= steps; step++) {
      const pairs = sampler.next();
      if (step === 1) checkPairs(pairs, n, 'options.sampler.next()');
      const value = tf.tidy(() => {
        const x1 = gatherImages(data, pairs.left);
        const x2 = gatherImages(data, pairs.right);
        const y = tf.tensor1d(Float32Array.from(pairs.same));
        return optimizer.minimize(() => loss(y, net.twin.apply([x1, x2], { training: true }) as tf.Tensor), true, vars) as tf.Scalar;
      });
      const v = value.dataSync()[0];
      value.dispose();
      if (!Number.isFinite(v)) {
        throw new SiameseError('options.optimizer', `loss ${v} at step ${step}`, 'a finite training loss', 'The training diverged: lower the learning rate');
      }
      trainLoss.push(v);
      if (step % every === 0 || step === steps) record(step);
    }
  } finally {
    optimizer.dispose();
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
  };
}
