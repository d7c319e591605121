import * as tf from '@tensorflow/tfjs-core';

/**
 * `sqrt(s)` for `s >= 0` whose derivative `1 / (2 sqrt(s))` is replaced by 0 where `s = 0` (instead of
 * `Infinity`, which turns into NaN once multiplied by a zero upstream gradient). Internal.
 */
export const safeSqrt: (s: tf.Tensor) => tf.Tensor = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
  const s = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  const y = tf.sqrt(s);
  save([y]);
  return {
    value: y,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const root = saved[0];
      const positive = tf.greater(root, 0);
      return tf.where(positive, tf.div(tf.mul(dy, 0.5), tf.where(positive, root, tf.onesLike(root))), tf.zerosLike(root));
    },
  };
}) as (s: tf.Tensor) => tf.Tensor;
