import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { initBackend, shutdownBackend } from '../src/index';
import { matMulPlan } from '../src/parallel/parallel-kernels';
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
    // A dense layer's products, each cut along its cheapest axis: dx = dy·Wᵀ by columns (W's rows),
    // dW = xᵀ·dy by rows (a column cut of x), a forward pass with bias and ReLU by columns (bias cut too).
    const dy = tf.tensor2d(seeded(64 * 256, 7), [64, 256]);
    const byColumnsT = tf.matMul(dy, d, false, true);
    const xs = tf.tensor2d(seeded(64 * 4096, 8), [64, 4096]);
    const dys = tf.tensor2d(seeded(64 * 384, 9), [64, 384]);
    const byRowsT = tf.matMul(xs, dys, true, false);
    const wide = tf.tensor2d(seeded(1024 * 1024, 10), [1024, 1024]);
    const wideBias = tf.tensor1d(seeded(1024, 11));
    const byColumnsFused = tf.fused.matMul({ a: xs.slice([0, 0], [64, 1024]), b: wide, bias: wideBias, activation: 'relu' });
    // Local response normalisation and its gradient, cut along the batch.
    const maps = tf.tensor4d(seeded(8 * 32 * 32 * 128, 12), [8, 32, 32, 128]);
    const [lrnGrad] = tf.grads((v: tf.Tensor) =>
      tf.sum(tf.mul(tf.localResponseNormalization(v as tf.Tensor4D, 2, 1, 1e-4, 0.75), v)),
    )([maps]);
    const lrn = tf.localResponseNormalization(maps, 2, 1, 1e-4, 0.75);
    return [gx, gw, fused, plain, transposed, squashed, byColumnsT, byRowsT, byColumnsFused, lrnGrad, lrn, loss(x, w)].map((t) =>
      t.dataSync().slice(),
    );
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
    // gradients, the six products, the tanh, LRN twice (forward of the gradient and the plain call) and
    // LRNGrad; the small 3×3 convolution and the pooling stayed on the main thread.
    expect(kernelWorkers()[0].seq).toBe(14);
    for (let i = 0; i < alone.length; i++) expect(maxRelError(split[i], alone[i])).toBeLessThan(1e-5);
  });

  it('rejects a thread count that is not a whole number ≥ 1', async () => {
    await expect(initBackend({ threads: 0 })).rejects.toThrow(/threads must be a whole number/);
  });
});

describe('matMulPlan', () => {
  const t = (shape: number[]) => ({ dataId: {}, shape, dtype: 'float32' as const });
  const plan = (
    a: number[],
    b: number[],
    transposeA: boolean,
    transposeB: boolean,
    extra: { bias?: number[]; activation?: string } = {},
  ) =>
    matMulPlan({
      inputs: { a: t(a), b: t(b), ...(extra.bias ? { bias: t(extra.bias) } : {}) },
      attrs: { transposeA, transposeB, ...(extra.activation ? { activation: extra.activation } : {}) },
      backend: {} as never,
    });

  it("cuts each of a dense layer's products where the fewest floats travel (the CIFAR net's 4096 × 384 layer)", () => {
    // Forward x·W: both cut along the inner axis, the small outputs added.
    expect(plan([64, 4096], [4096, 384], false, false)).toMatchObject({
      splitInputs: ['a', 'b'],
      axis: 1,
      inputAxes: { b: 0 },
      combine: 'sum',
    });
    // dx = dy·Wᵀ: W's rows (C's columns) cut.
    expect(plan([64, 384], [4096, 384], false, true)).toMatchObject({
      splitInputs: ['b'],
      axis: 0,
      outAxis: 1,
      combine: 'concat',
    });
    // dW = xᵀ·dy: x's columns (C's rows) cut.
    expect(plan([64, 4096], [64, 384], true, false)).toMatchObject({
      splitInputs: ['a'],
      axis: 1,
      outAxis: 0,
      combine: 'concat',
    });
  });

  it('never adds up parts that carry a bias or an activation, and cuts a per-column bias with the columns', () => {
    const fused = plan([64, 4096], [4096, 384], false, false, { bias: [384], activation: 'relu' });
    expect(fused?.combine).toBe('concat');
    expect(plan([64, 1024], [1024, 1024], false, false, { bias: [1024] })).toMatchObject({
      splitInputs: ['b', 'bias'],
      inputAxes: { bias: 0 },
      outAxis: 1,
    });
  });

  it('leaves small products and batched products whole', () => {
    expect(plan([64, 784], [784, 256], false, false)).toBeNull();
    expect(plan([2, 64, 4096], [2, 4096, 384], false, false)).toBeNull();
  });
});
