import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { onWasmAndCpu } from './helpers/on-wasm-and-cpu';
import { maxRelError, seeded } from './helpers/reference';

/** Training-mode batch normalisation over every axis but the last, in float64: Σ y·w, the loss the test differentiates. */
function batchNormLoss(x: Float64Array, shape: number[], gamma: Float64Array, beta: Float64Array, w: Float64Array, eps: number) {
  const c = shape[shape.length - 1];
  const rows = x.length / c;
  let loss = 0;
  for (let k = 0; k < c; k++) {
    let mean = 0;
    for (let r = 0; r < rows; r++) mean += x[r * c + k];
    mean /= rows;
    let v = 0;
    for (let r = 0; r < rows; r++) v += (x[r * c + k] - mean) ** 2;
    v /= rows;
    for (let r = 0; r < rows; r++) loss += w[r * c + k] * ((gamma[k] * (x[r * c + k] - mean)) / Math.sqrt(v + eps) + beta[k]);
  }
  return loss;
}

describe('wasm FusedBatchNorm fix-up', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  const CASES: [string, number[], number[], boolean, boolean][] = [
    ['a batch-norm layer (rank-1 statistics, γ and β)', [64, 8, 8, 16], [16], true, true],
    ['without γ and β', [5, 3, 7], [7], false, false],
    ['γ only', [4, 6], [6], true, false],
    ['statistics shaped [1, 1, 1, C]', [3, 4, 4, 5], [1, 1, 1, 5], true, true],
    ["per-element statistics (falls back to the backend's kernel)", [2, 3, 4], [2, 3, 4], true, true],
  ];

  it.each(CASES)('%s equals the cpu backend', async (_, shape, param, withScale, withOffset) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const p = param.reduce((a, b) => a * b, 1);
    const x = Float32Array.from(seeded(n, 1), (v) => 3 * v + 7);
    const mean = Float32Array.from(seeded(p, 2), (v) => v + 7);
    const variance = Float32Array.from(seeded(p, 3), (v) => 4 * v * v + 0.5);
    const scale = Float32Array.from(seeded(p, 4), (v) => v + 1);
    const offset = Float32Array.from(seeded(p, 5));
    const { wasm, cpu } = await onWasmAndCpu(() =>
      tf.tidy(() =>
        Array.from(
          tf
            .batchNorm(
              tf.tensor(x, shape),
              tf.tensor(mean, param),
              tf.tensor(variance, param),
              withOffset ? tf.tensor(offset, param) : undefined,
              withScale ? tf.tensor(scale, param) : undefined,
              1e-3,
            )
            .dataSync(),
        ),
      ),
    );
    expect(wasm.length).toBe(n);
    expect(maxRelError(wasm, cpu)).toBeLessThan(1e-6);
  });

  it('the gradient of training-mode batch normalisation (moments, then batchNorm) agrees with float64 finite differences', async () => {
    const shape = [3, 2, 2, 4];
    const n = 48;
    const eps = 1e-3;
    const x = Float64Array.from(seeded(n, 1), (v) => 2 * v + 0.5);
    const gamma = Float64Array.from(seeded(4, 2), (v) => v + 1.5);
    const beta = Float64Array.from(seeded(4, 3));
    const w = Float64Array.from(seeded(n, 4));
    const grads = () =>
      tf.tidy(() => {
        const wt = tf.tensor(Float32Array.from(w), shape);
        const f = (xt: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => {
          const { mean, variance } = tf.moments(xt, [0, 1, 2]);
          return tf.sum(tf.mul(tf.batchNorm(xt, mean, variance, b, g, eps), wt));
        };
        const [dx, dg, db] = tf.grads(f)([
          tf.tensor(Float32Array.from(x), shape),
          tf.tensor1d(Float32Array.from(gamma)),
          tf.tensor1d(Float32Array.from(beta)),
        ]);
        return [dx, dg, db].map((t) => Array.from(t.dataSync()));
      });
    const { wasm, cpu } = await onWasmAndCpu(grads);
    const h = 1e-5;
    const central = (v: Float64Array, i: number, loss: () => number) => {
      const keep = v[i];
      v[i] = keep + h;
      const up = loss();
      v[i] = keep - h;
      const down = loss();
      v[i] = keep;
      return (up - down) / (2 * h);
    };
    const loss = () => batchNormLoss(x, shape, gamma, beta, w, eps);
    const numeric = [x, gamma, beta].map((v) => Array.from(v, (_, i) => central(v, i, loss)));
    for (let k = 0; k < 3; k++) {
      expect(maxRelError(wasm[k], numeric[k])).toBeLessThan(2e-3);
      expect(maxRelError(wasm[k], cpu[k])).toBeLessThan(1e-4);
    }
  });
});
