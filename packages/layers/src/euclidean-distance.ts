import * as tf from '@tensorflow/tfjs-core';
import { LayerArgumentError } from './errors';
import { safeSqrt } from './safe-sqrt';

/**
 * Row-wise Euclidean distance `d_i = ||a_i − b_i||₂` of two `[batch, features]` embeddings, shape `[batch]`,
 * with a zero (sub)gradient where `a_i = b_i` instead of NaN. The caller owns the result.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs-core';
 * import { euclideanDistance } from '@dlkit/layers';
 * const d = euclideanDistance(tf.tensor2d([[0, 0]]), tf.tensor2d([[3, 4]])); // [5]
 * ```
 */
export function euclideanDistance(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D {
  if (a.shape.length !== 2 || a.shape.join() !== b.shape.join()) {
    throw new LayerArgumentError(
      'euclideanDistance',
      'b',
      b.shape,
      `a [batch, features] shape equal to a's [${a.shape.join(', ')}]`,
    );
  }
  return tf.tidy(() => safeSqrt(tf.sum(tf.squaredDifference(a, b), 1)) as tf.Tensor1D);
}
