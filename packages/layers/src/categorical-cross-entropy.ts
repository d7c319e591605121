import * as tf from '@tensorflow/tfjs-core';
import { checkSameSize, type LossFunction } from './loss-function';
import { finiteNumber } from './validate';

/** Options of {@link categoricalCrossEntropy}. */
export interface CategoricalCrossEntropyOptions {
  /**
   * `true`: predictions are unnormalised scores z and the loss is `−Σ_k t_k log_softmax(z)_k`, computed as
   * `−Σ t_k (z_k − max z − log Σ exp(z − max z))` (stable for any z; gradient `softmax(z) − t`).
   * `false`: predictions are probabilities p, clipped to `[ε, 1 − ε]` before the log. Default false.
   */
  fromLogits?: boolean;
  /** Clipping ε for probabilities. Default 1e-7 (Keras). */
  epsilon?: number;
}

/**
 * Categorical cross-entropy `−Σ_k t_k log p_k`, averaged over the batch (first axis); targets are one-hot or
 * soft distributions over the last axis.
 *
 * @example
 * ```ts
 * import { categoricalCrossEntropy } from '@dlkit/layers';
 * model.compile({ optimizer: 'sgd', loss: categoricalCrossEntropy({ fromLogits: true }) });
 * ```
 */
export function categoricalCrossEntropy(options: CategoricalCrossEntropyOptions = {}): LossFunction {
  const epsilon = finiteNumber('categoricalCrossEntropy', 'epsilon', options.epsilon ?? 1e-7, 'positive');
  const fromLogits = options.fromLogits === true;
  return (yTrue, yPred) =>
    tf.tidy(() => {
      checkSameSize('categoricalCrossEntropy', yTrue, yPred);
      const logP = fromLogits ? tf.logSoftmax(yPred) : tf.log(tf.clipByValue(yPred, epsilon, 1 - epsilon));
      return tf.neg(tf.mean(tf.sum(tf.mul(yTrue, logP), -1))) as tf.Scalar;
    });
}
