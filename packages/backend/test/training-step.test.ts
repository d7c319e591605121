import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, installWasmFixups, uninstallWasmFixups } from '../src/index';
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

// The benchmark's MLP (784-256-10, batch 64): 6-row GEMM tiles and a 768-deep panel edge in the forward
// product, the SGD update's scalar product and sum, a bias over every row.
function mlpWeights(steps: number): Float32Array[] {
  const v = (shape: number[], seed: number) => tf.variable(tf.randomUniform(shape, -0.08, 0.08, 'float32', seed));
  const p = { w1: v([784, 256], 1), b1: v([256], 2), w2: v([256, 10], 3), b2: v([10], 4) };
  const forward = (x: tf.Tensor) => tf.add(tf.matMul(tf.relu(tf.add(tf.matMul(x, p.w1), p.b1)), p.w2), p.b2);
  const opt = tf.train.sgd(0.05);
  const x = tf.randomNormal([64, 784], 0, 1, 'float32', 7);
  const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32', 8), 10);
  const counts: number[] = [];
  for (let i = 0; i < steps; i++) {
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, forward(x)), true, Object.values(p));
    loss!.dataSync();
    loss!.dispose();
    counts.push(tf.memory().numTensors);
  }
  expect(new Set(counts).size).toBe(1);
  const weights = Object.values(p).map((t) => t.dataSync<'float32'>().slice());
  tf.dispose([x, y, ...Object.values(p)]);
  opt.dispose();
  return weights;
}

describe('the benchmark MLP trained on the wasm engine', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  it('gives the same weights, bit for bit, when run twice from the same seed (relaxed and plain SIMD)', () => {
    for (const variant of ['auto', 'plain'] as const) {
      SIMD_VARIANT.value = variant;
      try {
        expect(mlpWeights(3)).toEqual(mlpWeights(3));
      } finally {
        SIMD_VARIANT.value = 'auto';
      }
    }
  });

  it("ends where the wasm backend's own kernels end, within float32 rounding", () => {
    const ours = mlpWeights(3);
    uninstallWasmFixups();
    let theirs: Float32Array[];
    try {
      theirs = mlpWeights(3);
    } finally {
      installWasmFixups();
    }
    for (let i = 0; i < ours.length; i++) {
      let err = 0;
      for (let j = 0; j < ours[i].length; j++) err = Math.max(err, Math.abs(ours[i][j] - theirs[i][j]));
      expect(err).toBeLessThan(2e-6);
    }
  });
});
