import * as tf from '@tensorflow/tfjs-core';
import { checkSameSize, type LossFunction } from './loss-function';

/**
 * Mean squared error over all elements, `mean((y − t)²)` (Torch's `MSECriterion` with size averaging);
 * gradient `2 (y − t) / n`.
 *
 * @example
 * ```ts
 * import { meanSquaredError } from '@dlkit/layers';
 * model.compile({ optimizer: 'sgd', loss: meanSquaredError() });
 * ```
 */
export function meanSquaredError(): LossFunction {
  return (yTrue, yPred) =>
    tf.tidy(() => {
      checkSameSize('meanSquaredError', yTrue, yPred);
      return tf.mean(tf.squaredDifference(yPred, tf.reshape(yTrue, yPred.shape))) as tf.Scalar;
    });
}
