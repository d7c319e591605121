import * as tf from '@tensorflow/tfjs-core';

/**
 * Torch's `nn.Threshold(threshold, value)`: `y = x > threshold ? x : value`, derivative 1 where `x > threshold`
 * and 0 elsewhere. Written with `customGrad` because tfjs has no gradient for the comparison. Internal.
 */
export function thresholdOp(x: tf.Tensor, threshold: number, value: number): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const v = args[0] as tf.Tensor;
    const save = args[1] as tf.GradSaveFunc;
    const above = tf.greater(v, threshold);
    save([above]);
    return {
      value: tf.where(above, v, tf.fill(v.shape, value)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.where(saved[0], dy, tf.zerosLike(dy)),
    };
  }) as (v: tf.Tensor) => tf.Tensor;
  return op(x);
}
