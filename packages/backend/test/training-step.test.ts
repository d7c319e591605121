import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { SIMD_VARIANT } from '../src/wasm/simd/simd-kernels';

// A LeNet-shaped network trained with plain SGD: every replaced kernel runs in each step.
function lenet() {
  const v = (shape: number[], seed: number) => tf.variable(tf.randomUniform(shape, -0.1, 0.1, 'float32', seed));
  const p = { c1: v([5, 5, 1, 8], 1), c2: v([5, 5, 8, 16], 2), f1: v([256, 32], 3), f2: v([32, 10], 4) };
  const forward = (x: tf.Tensor4D) => {
    let h = tf.maxPool(tf.relu(tf.conv2d(x, p.c1 as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid');
    h = tf.maxPool(tf.relu(tf.conv2d(h, p.c2 as tf.Tensor4D, 1, 'valid')), 2, 2, 'valid');
    return tf.matMul(tf.relu(tf.matMul(tf.reshape(h, [-1, 256]), p.f1 as tf.Tensor2D)), p.f2 as tf.Tensor2D);
  };
  return { p, forward };
}

describe('a training step on the wasm engine', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  const losses = (steps: number) => {
    const { p, forward } = lenet();
    const opt = tf.train.sgd(0.05);
    const x = tf.randomNormal([8, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7], 'int32'), 10);
    const out: number[] = [];
    for (let i = 0; i < steps; i++) {
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)), true, Object.values(p));
      out.push(loss!.dataSync()[0]);
      loss!.dispose();
    }
    tf.dispose([x, y, ...Object.values(p)]);
    opt.dispose();
    return out;
  };

  it('follows the same loss trajectory as the cpu backend', async () => {
    const onWasm = losses(5);
    await initBackend({ prefer: 'cpu', strict: true });
    const onCpu = losses(5);
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    for (let i = 0; i < 5; i++) expect(onWasm[i]).toBeCloseTo(onCpu[i], 4);
  });

  it('is bit-reproducible: the same seeded run twice gives the same losses, on relaxed and on plain SIMD', () => {
    for (const variant of ['auto', 'plain'] as const) {
      SIMD_VARIANT.value = variant;
      try {
        const a = losses(4);
        const b = losses(4);
        expect(a).toEqual(b);
      } finally {
        SIMD_VARIANT.value = 'auto';
      }
    }
  });

  it('learns (loss falls) and does not grow tf.memory().numTensors', () => {
    const { p, forward } = lenet();
    const opt = tf.train.sgd(0.1);
    const x = tf.randomNormal([16, 28, 28, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5], 'int32'), 10);
    const step = () => {
      const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)), true, Object.values(p));
      const value = loss!.dataSync()[0];
      loss!.dispose();
      return value;
    };
    const first = step();
    const counts: number[] = [];
    let last = first;
    for (let i = 0; i < 60; i++) {
      last = step();
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(last).toBeLessThan(first * 0.5);
    tf.dispose([x, y, ...Object.values(p)]);
    opt.dispose();
  });
});
