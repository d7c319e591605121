import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { softmaxTemperature } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { softmaxRows } from './helpers/reference';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('SoftmaxTemperature on %s', (engine) => {
  useEngine(engine);

  it('computes exp(βx_i) / Σ exp(βx_j) (hand values)', () => {
    const x = tf.tensor2d([[0, Math.log(3)]]);
    const y = softmaxTemperature({ beta: 2 }).apply(x) as tf.Tensor; // [1, 9] / 10
    const v = y.dataSync();
    expect(v[0]).toBeCloseTo(0.1, 6);
    expect(v[1]).toBeCloseTo(0.9, 6);
    const t = softmaxTemperature({ temperature: 0.5 });
    expect(t.beta).toBe(2);
    tf.dispose([x, y]);
  });

  it('has the Jacobian ∂y_i/∂x_j = β y_i (δ_ij − y_j)', () => {
    const beta = 1.7;
    const layer = softmaxTemperature({ beta });
    const xs = [0.3, -1.2, 0.8, 0.1];
    const x = tf.tensor2d([xs]);
    const y = Array.from((layer.apply(x) as tf.Tensor).dataSync());
    for (let i = 0; i < xs.length; i++) {
      const row = tf.grad((t: tf.Tensor) => tf.slice(layer.apply(t) as tf.Tensor, [0, i], [1, 1]))(x);
      const got = row.dataSync();
      for (let j = 0; j < xs.length; j++) expect(got[j]).toBeCloseTo(beta * y[i] * ((i === j ? 1 : 0) - y[j]), 6);
      row.dispose();
    }
    x.dispose();
  });

  it('gradient matches float64 central differences (β = 3, 3 rows of 5)', () => {
    const layer = softmaxTemperature({ beta: 3 });
    gradCheck({
      f: (x) => layer.apply(x) as tf.Tensor,
      reference: (x) => softmaxRows(x, 5, 3),
      x: uniform(15, 17),
      shape: [3, 5],
    });
  });
});

describe('SoftmaxTemperature bad input', () => {
  it('rejects non-positive β or T, and both at once', () => {
    expect(() => softmaxTemperature({ beta: 0 })).toThrow(/SoftmaxTemperature: beta must be a finite number > 0/);
    expect(() => softmaxTemperature({ temperature: -1 })).toThrow(/temperature/);
    expect(() => softmaxTemperature({ beta: 2, temperature: 0.5 })).toThrow(/omitted when beta is given/);
  });
});
