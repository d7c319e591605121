import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend, shutdownBackend } from '../src/index';
import { kernelWorkers } from '../src/parallel/pool';
import { maxRelError, seeded } from './helpers/reference';

// Shapes large enough to be split across threads (at least 4M multiply-adds per call).
function workload() {
  return tf.tidy(() => {
    const x = tf.tensor4d(seeded(8 * 20 * 20 * 8, 1), [8, 20, 20, 8]);
    const w = tf.tensor4d(seeded(5 * 5 * 8 * 16, 2), [5, 5, 8, 16]);
    const b = tf.tensor1d(seeded(16, 3));
    const d = tf.tensor2d(seeded(4096 * 256, 4), [4096, 256]);
    const m = tf.tensor2d(seeded(256 * 96, 5), [256, 96]);
    const mb = tf.tensor1d(seeded(96, 6));
    const loss = (xx: tf.Tensor, ww: tf.Tensor) => {
      const y = tf.fused.conv2d({
        x: xx as tf.Tensor4D,
        filter: ww as tf.Tensor4D,
        strides: 1,
        pad: 'same',
        bias: b,
        activation: 'relu',
      });
      const p = tf.maxPool(tf.conv2d(y, tf.ones([3, 3, 16, 4]) as tf.Tensor4D, 1, 'same'), 2, 2, 'valid');
      return tf.sum(tf.square(p));
    };
    const [gx, gw] = tf.grads(loss)([x, w]);
    const fused = tf.fused.matMul({ a: d, b: m, bias: mb, activation: 'relu' });
    const plain = tf.matMul(d, m);
    const transposed = tf.matMul(d, d, true, false);
    const squashed = tf.tanh(d);
    return [gx, gw, fused, plain, transposed, squashed, loss(x, w)].map((t) => t.dataSync().slice());
  });
}

describe('kernels split over kernel workers', () => {
  afterAll(async () => {
    await shutdownBackend();
  });

  it('give the results of the single-threaded kernels, without leaking tensors', async () => {
    const one = await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    expect(one.threads).toBe(1);
    const alone = workload();
    const two = await initBackend({ prefer: 'wasm', strict: true, threads: 2 });
    expect(two.threads).toBe(2);
    const before = tf.memory().numTensors;
    const split = workload();
    expect(tf.memory().numTensors).toBe(before);
    // The calls above the split threshold went to the worker: the 5×5 convolution twice and both its
    // gradients, the three products and the tanh; the small 3×3 convolution and the pooling stayed on the main thread.
    expect(kernelWorkers()[0].seq).toBe(8);
    for (let i = 0; i < alone.length; i++) expect(maxRelError(split[i], alone[i])).toBeLessThan(1e-5);
  });

  it('rejects a thread count that is not a whole number ≥ 1', async () => {
    await expect(initBackend({ threads: 0 })).rejects.toThrow(/threads must be a whole number/);
  });
});
