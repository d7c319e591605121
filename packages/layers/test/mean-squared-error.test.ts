import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { meanSquaredError } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('meanSquaredError on %s', (engine) => {
  useEngine(engine);

  it('is the mean of squared differences over all elements (hand value)', () => {
    const [t, y] = [
      tf.tensor2d([
        [1, 2],
        [3, 4],
      ]),
      tf.tensor2d([
        [1, 0],
        [6, 4],
      ]),
    ];
    const l = meanSquaredError()(t, y);
    expect(l.dataSync()[0]).toBeCloseTo((0 + 4 + 9 + 0) / 4, 6);
    tf.dispose([t, y, l]);
  });

  it('gradient 2(y − t)/n matches float64 central differences', () => {
    const ts = uniform(6, 51);
    const t = tf.tensor2d(Float32Array.from(ts), [2, 3]);
    gradCheck({
      f: (y) => meanSquaredError()(t, y),
      reference: (y) => Float64Array.of(y.reduce((a, v, i) => a + (v - ts[i]) ** 2, 0) / 6),
      x: uniform(6, 52),
      shape: [2, 3],
    });
    t.dispose();
  });
});

describe('meanSquaredError bad input', () => {
  it('rejects mismatched sizes', () => {
    const [a, b] = [tf.zeros([2, 3]), tf.zeros([3, 2])];
    expect(() => meanSquaredError()(a, b)).toThrow(/meanSquaredError: yTrue/);
    tf.dispose([a, b]);
  });
});
