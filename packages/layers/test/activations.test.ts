import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { leakyRelu, relu, sigmoid, softplus, tanh } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { sigmoid as sig } from './helpers/reference';
import { uniform } from './helpers/rng';

const CASES = [
  {
    name: 'sigmoid',
    make: () => sigmoid(),
    f: sig,
    hand: [
      [0, 0.5],
      [Math.log(3), 0.75],
    ],
  },
  {
    name: 'tanh',
    make: () => tanh(),
    f: Math.tanh,
    hand: [
      [0, 0],
      [Math.log(2), 0.6],
    ],
  },
  {
    name: 'softplus',
    make: () => softplus(),
    f: (v: number) => Math.log1p(Math.exp(v)),
    hand: [
      [0, Math.LN2],
      [Math.log(3), Math.log(4)],
    ],
  },
  {
    name: 'relu',
    make: () => relu(),
    f: (v: number) => Math.max(v, 0),
    hand: [
      [-2, 0],
      [1.5, 1.5],
    ],
  },
  {
    name: 'leakyRelu(0.1)',
    make: () => leakyRelu({ alpha: 0.1 }),
    f: (v: number) => (v > 0 ? v : 0.1 * v),
    hand: [
      [-2, -0.2],
      [1.5, 1.5],
    ],
  },
] as const;

describe.each(ENGINES)('activations on %s', (engine) => {
  useEngine(engine);

  for (const c of CASES) {
    it(`${c.name}: hand values and float64 gradient check`, () => {
      const layer = c.make();
      for (const [input, output] of c.hand) {
        const x = tf.tensor2d([[input]]);
        const y = layer.apply(x) as tf.Tensor;
        expect(y.dataSync()[0]).toBeCloseTo(output, 6);
        tf.dispose([x, y]);
      }
      // keep clear of the ReLU kink, where central differences are meaningless
      const x = uniform(12, 23, -2, 2).map((v) => (Math.abs(v) < 0.05 ? v + 0.1 : v));
      gradCheck({ f: (t) => layer.apply(t) as tf.Tensor, reference: (v) => v.map(c.f), x, shape: [3, 4] });
    });
  }

  it('sigmoid′ = σ(1 − σ)', () => {
    const layer = sigmoid();
    const x = tf.tensor1d([-3, -0.5, 0, 0.7, 4]);
    const s = (layer.apply(x) as tf.Tensor).dataSync();
    const g = tf
      .grad((t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor))(x)
      .dataSync();
    s.forEach((v, i) => expect(g[i]).toBeCloseTo(v * (1 - v), 7));
    x.dispose();
  });

  it('leakyRelu defaults to α = 0.01', () => {
    const x = tf.tensor1d([-1]);
    const y = leakyRelu().apply(x) as tf.Tensor;
    expect(y.dataSync()[0]).toBeCloseTo(-0.01, 7);
    tf.dispose([x, y]);
  });
});

describe('activations bad input', () => {
  it('rejects a negative leaky slope', () => {
    expect(() => leakyRelu({ alpha: -1 })).toThrow(/LeakyReLU: alpha must be a finite number >= 0/);
  });
});
