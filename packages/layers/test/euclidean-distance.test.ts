import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { euclideanDistance } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('euclideanDistance on %s', (engine) => {
  useEngine(engine);

  it('is the row-wise L2 distance (hand value) with a zero gradient at distance 0', () => {
    const [a, b] = [
      tf.tensor2d([
        [0, 0],
        [1, 1],
      ]),
      tf.tensor2d([
        [3, 4],
        [1, 1],
      ]),
    ];
    const d = euclideanDistance(a, b);
    expect(Array.from(d.dataSync())).toEqual([5, 0]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(euclideanDistance(t, b)))(a);
    const gv = g.dataSync();
    [-0.6, -0.8, 0, 0].forEach((v, i) => expect(gv[i]).toBeCloseTo(v, 6));
    tf.dispose([a, b, d, g]);
  });

  it('gradient (a − b)/d matches float64 central differences', () => {
    const bs = uniform(8, 61);
    const b = tf.tensor2d(Float32Array.from(bs), [2, 4]);
    gradCheck({
      f: (a) => euclideanDistance(a, b),
      reference: (a) =>
        Float64Array.from([0, 1], (r) => Math.sqrt([0, 1, 2, 3].reduce((s, k) => s + (a[r * 4 + k] - bs[r * 4 + k]) ** 2, 0))),
      x: uniform(8, 62),
      shape: [2, 4],
    });
    b.dispose();
  });

  it('rejects mismatched shapes', () => {
    const [a, b] = [tf.zeros([2, 3]), tf.zeros([2, 4])];
    expect(() => euclideanDistance(a, b)).toThrow(/euclideanDistance: b must be/);
    tf.dispose([a, b]);
  });
});
