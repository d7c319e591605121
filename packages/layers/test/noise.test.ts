import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dropout, gaussianNoise } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { uniform } from './helpers/rng';

/** y = layer(x) in training mode and the gradient of Σ w ⊙ y, from the same forward pass (same noise). */
function trainingPass(layer: ReturnType<typeof dropout>, x: tf.Tensor, w: tf.Tensor): { y: Float32Array; g: Float32Array } {
  let y: tf.Tensor | undefined;
  const g = tf.grad((t: tf.Tensor) => {
    const out = layer.apply(t, { training: true }) as tf.Tensor;
    y = tf.keep(tf.clone(out));
    return tf.sum(tf.mul(out, w));
  })(x);
  const result = { y: (y as tf.Tensor).dataSync() as Float32Array, g: g.dataSync() as Float32Array };
  tf.dispose([y as tf.Tensor, g]);
  return result;
}

describe.each(ENGINES)('noise layers on %s', (engine) => {
  useEngine(engine);

  it('Gaussian noise is the identity at inference', () => {
    const x = tf.tensor1d([1, -2, 3]);
    const y = gaussianNoise({ stddev: 0.5 }).apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([1, -2, 3]);
    tf.dispose([x, y]);
  });

  it('Gaussian noise adds N(0, σ²) while training, with gradient 1', () => {
    const n = 20000;
    const x = tf.zeros([n]);
    const w = tf.tensor1d(Float32Array.from(uniform(n, 3)));
    const { y, g } = trainingPass(gaussianNoise({ stddev: 0.5 }), x, w);
    const mean = y.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(y.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    expect(Math.abs(mean)).toBeLessThan(0.02); // 4 standard errors (0.5 / sqrt(n) = 0.0035)
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.015);
    const wv = w.dataSync();
    g.forEach((v, i) => expect(v).toBe(wv[i]));
    tf.dispose([x, w]);
  });

  it('dropout zeroes a fraction p, scales survivors by 1/(1−p), and passes the same mask back', () => {
    const n = 20000;
    const p = 0.3;
    const x = tf.ones([n]);
    const w = tf.tensor1d(Float32Array.from(uniform(n, 5)));
    const { y, g } = trainingPass(dropout({ rate: p }), x, w);
    let zeros = 0;
    const wv = w.dataSync();
    y.forEach((v, i) => {
      if (v === 0) {
        zeros++;
        expect(Math.abs(g[i])).toBe(0);
      } else {
        expect(v).toBeCloseTo(1 / (1 - p), 5);
        expect(g[i]).toBeCloseTo(wv[i] / (1 - p), 5);
      }
    });
    expect(Math.abs(zeros / n - p)).toBeLessThan(0.015); // sd of the fraction: 0.0032
    const inference = dropout({ rate: p }).apply(x) as tf.Tensor;
    expect(inference.dataSync().every((v) => v === 1)).toBe(true);
    tf.dispose([x, w, inference]);
  });
});

describe('noise layers bad input', () => {
  it('rejects a non-positive σ and a rate outside [0, 1)', () => {
    expect(() => gaussianNoise({ stddev: 0 })).toThrow(/GaussianNoise: stddev must be a finite number > 0/);
    expect(() => dropout({ rate: 1 })).toThrow(/Dropout: rate must be a probability in \[0, 1\)/);
    expect(() => dropout({ rate: -0.1 })).toThrow(/Dropout: rate/);
  });
});
