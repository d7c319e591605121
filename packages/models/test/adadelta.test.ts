import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZeilerAdadelta } from '../src/adadelta';
import { createOptimizer } from '../src/optimizers';
import { cpu } from './helpers';

beforeAll(cpu);

describe('ZeilerAdadelta', () => {
  it('matches torch.optim.Adadelta(lr=1, rho=0.9, eps=1e-6) step by step', () => {
    // /usr/bin/python3: w = [1, -2, 0.5]; loss = Σ w·[2, 3, -1] + Σ w²; three Adadelta steps.
    const torch = [
      [0.996837735, -1.99683774, 0.5],
      [0.993595719, -1.99360311, 0.5],
      [0.990300715, -1.99032569, 0.5],
    ];
    const before = tf.memory().numTensors;
    const opt = createOptimizer({ name: 'adadelta', learningRate: 1, rho: 0.9, epsilon: 1e-6 });
    expect(opt.optimizer).toBeInstanceOf(ZeilerAdadelta);
    const init = tf.tensor1d([1, -2, 0.5]);
    const w = tf.variable(init);
    const c = tf.tensor1d([2, 3, -1]);
    for (const expected of torch) {
      opt.optimizer.minimize(() => tf.add(tf.sum(tf.mul(w, c)), tf.sum(tf.square(w))) as tf.Scalar, false, [w]);
      const got = Array.from(w.dataSync());
      got.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 6));
    }
    tf.dispose([init, w, c]);
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the first step depends on ε (tfjs-core’s own takes a full η·g step)', () => {
    const first = (epsilon: number) => {
      const opt = createOptimizer({ name: 'adadelta', learningRate: 1, rho: 0.95, epsilon });
      const init = tf.scalar(1);
      const w = tf.variable(init);
      init.dispose();
      opt.optimizer.minimize(() => tf.mul(w, 2) as tf.Scalar, false, [w]);
      const moved = 1 - w.dataSync()[0];
      w.dispose();
      opt.dispose();
      return moved;
    };
    // Δ = √ε / √((1−ρ)·g² + ε) · g ≈ √ε / √0.05.
    expect(first(1e-6)).toBeCloseTo((Math.sqrt(1e-6) / Math.sqrt(0.05 * 4 + 1e-6)) * 2, 7);
    expect(first(1e-8)).toBeLessThan(first(1e-6) / 5);
  });
});
