import type * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '@dlkit/core';
import { disposeAbandonedTape } from './abandoned-tape';
import { withSeededRandom } from './seeded-random';

/** Options of {@link trainingStep}. */
export interface TrainingStepOptions {
  /** The variables to update. Default: every trainable variable tfjs knows of. */
  vars?: tf.Variable[];
  /**
   * The source of tfjs' unseeded random ops during this step — the masks of Dropout and Gaussian noise layers
   * (`createRng(deriveSeed(seed, …))` from `@dlkit/core`). Default: `Math.random`, i.e. unseeded.
   */
  random?: Rng;
}

/**
 * One optimiser step: records `loss()` on the gradient tape, backpropagates and updates `vars`, and returns the
 * loss scalar (the caller disposes it; nothing is read back, so no device sync). The one step that both
 * models' {@link train} and siamese's `trainSiamese` take, so that seeded masks and failure clean-up are
 * the same everywhere.
 *
 * Seeded masks: tfjs draws the masks of its unseeded random ops from `Math.random`; with `random`, those draws
 * come from it during the (synchronous) step and `Math.random` is restored afterwards. A fixed seed on the layer
 * is no answer — it would reuse one mask for every batch — and tfjs-layers' Dropout/GaussianNoise take no
 * generator, hence the swap (see `withSeededRandom`).
 *
 * Failure: when `loss()` (a layer, a loss function) throws, the tensors tfjs saved for backprop are freed before
 * the error propagates, so a failed step leaks nothing.
 *
 * @example
 * ```ts
 * import { createRng, deriveSeed } from '@dlkit/core';
 * const optimizer = tf.train.adam(0.001);
 * const loss = trainingStep(optimizer, () => crossEntropy(targets, model.apply(x, { training: true }) as tf.Tensor), {
 *   random: createRng(deriveSeed(seed, step)),
 * });
 * loss.dispose();
 * ```
 */
export function trainingStep(optimizer: tf.Optimizer, loss: () => tf.Scalar, options: TrainingStepOptions = {}): tf.Scalar {
  const minimize = () => optimizer.minimize(loss, true, options.vars) as tf.Scalar;
  try {
    return options.random === undefined ? minimize() : withSeededRandom(options.random, minimize);
  } catch (e) {
    disposeAbandonedTape();
    throw e;
  }
}
