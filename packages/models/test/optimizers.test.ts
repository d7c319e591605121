import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, resolveOptimizerSpec } from '../src/optimizers';
import { cpu } from './helpers';

beforeAll(cpu);

describe('optimizers', () => {
  it('fills defaults and validates', () => {
    expect(resolveOptimizerSpec('adam')).toEqual({ name: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 });
    expect(resolveOptimizerSpec({ name: 'momentum', learningRate: 0.05 })).toEqual({
      name: 'momentum',
      learningRate: 0.05,
      momentum: 0.9,
      useNesterov: false,
    });
    expect(resolveOptimizerSpec('adadelta').learningRate).toBe(1);
    expect(() => resolveOptimizerSpec('rmsprop' as never)).toThrow(/options.optimizer/);
    expect(() => resolveOptimizerSpec({ name: 'sgd', learningRate: -1 })).toThrow(/learningRate/);
  });

  for (const name of ['sgd', 'momentum', 'adadelta', 'adam'] as const) {
    it(`${name}: setLearningRate changes the step size, and dispose frees every tensor`, () => {
      const before = tf.memory().numTensors;
      const step = (lr: number) => {
        const o = createOptimizer({ name, learningRate: 1 } as never);
        o.setLearningRate(lr);
        const init = tf.scalar(1);
        const v = tf.variable(init);
        init.dispose();
        o.optimizer.minimize(() => tf.mul(v, 2) as tf.Scalar, false, [v]);
        const moved = 1 - v.dataSync()[0];
        v.dispose();
        o.dispose();
        return moved;
      };
      const big = step(0.1);
      const small = step(0.01);
      expect(big).toBeGreaterThan(0);
      // Adadelta's first step is ~√ε-sized, so float32 rounding near 1 limits the digits.
      expect(small / big).toBeCloseTo(0.1, name === 'adadelta' ? 3 : 5);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});
