import * as tf from '@tensorflow/tfjs-core';

/**
 * `tf.localResponseNormalization(x, depthRadius, bias, alpha, beta)` built from differentiable primitives
 * (square, pad, slice, add, log, exp): the path for engines that have no `LRNGrad` kernel, so that the layer
 * trains everywhere. `y = x · exp(−β · log(bias + α · Σ_{|o| ≤ depthRadius} x[c + o]²))`, channels past
 * either end counting as zero. Input `[batch, height, width, channels]`. Internal to @dlkit/layers.
 */
export function localResponseNormalizationFromPrimitives(
  x: tf.Tensor4D,
  depthRadius: number,
  bias: number,
  alpha: number,
  beta: number,
): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const r = depthRadius;
    const padded = tf.pad(tf.square(x), [
      [0, 0],
      [0, 0],
      [0, 0],
      [r, r],
    ]);
    let sum: tf.Tensor = tf.slice(padded, [0, 0, 0, 0], [n, h, w, c]);
    for (let o = 1; o <= 2 * r; o++) sum = tf.add(sum, tf.slice(padded, [0, 0, 0, o], [n, h, w, c]));
    const base = tf.add(tf.mul(sum, alpha), bias);
    // base^β = exp(β log base), base ≥ bias > 0.
    return tf.mul(x, tf.exp(tf.mul(tf.log(base), -beta)));
  });
}
