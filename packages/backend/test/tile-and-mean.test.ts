import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { tileInto } from '../src/wasm/tile';
import { maxRelError, seeded } from './helpers/reference';

const onWasmAndCpu = async <T>(f: () => T): Promise<{ wasm: T; cpu: T }> => {
  const before = tf.memory().numTensors;
  const wasm = f();
  expect(tf.memory().numTensors).toBe(before);
  await tf.setBackend('cpu');
  const cpu = f();
  await tf.setBackend('wasm');
  return { wasm, cpu };
};

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

describe('wasm Tile and Mean fix-ups', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  const TILES: [number[], number[]][] = [
    [
      [1, 1, 1, 16],
      [64, 32, 32, 1],
    ], // batch normalisation's gradient: 1/σ over the activations
    [
      [2, 3],
      [3, 2],
    ],
    [[4], [5]],
    [
      [2, 1, 3],
      [1, 4, 1],
    ],
    [
      [3, 2, 2, 2, 2],
      [2, 1, 3, 1, 2],
    ],
    [
      [2, 3],
      [1, 1],
    ],
    [
      [2, 3],
      [0, 2],
    ], // empty
  ];

  it.each(TILES)('Tile of %j by %j equals the cpu backend (float32 and int32)', async (shape, reps) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const values = seeded(n, 5);
    const { wasm, cpu } = await onWasmAndCpu(() =>
      tf.tidy(() => {
        const f = tf.tile(tf.tensor(values, shape), reps);
        const i = tf.tile(
          tf.tensor(
            Int32Array.from(values, (v) => Math.round(v * 100)),
            shape,
            'int32',
          ),
          reps,
        );
        return { shape: f.shape, f: Array.from(f.dataSync()), i: Array.from(i.dataSync()), dtype: i.dtype };
      }),
    );
    expect(wasm).toEqual(cpu);
  });

  it('tileInto writes every repetition in row-major order', () => {
    const dst = new Float32Array(12);
    tileInto(Float32Array.from([1, 2, 3]), [1, 3], [2, 2], dst);
    expect(Array.from(dst)).toEqual([1, 2, 3, 1, 2, 3, 1, 2, 3, 1, 2, 3]);
    const col = new Int32Array(6);
    tileInto(Int32Array.from([1, 2]), [2, 1], [1, 3], col);
    expect(Array.from(col)).toEqual([1, 1, 1, 2, 2, 2]);
  });

  it('Mean over every axis but the last equals the cpu backend, with and without keepDims; other axes fall back', async () => {
    const values = seeded(4 * 5 * 6 * 7, 9);
    const { wasm, cpu } = await onWasmAndCpu(() =>
      tf.tidy(() => {
        const x = tf.tensor4d(values, [4, 5, 6, 7]);
        return [tf.mean(x, [0, 1, 2]), tf.mean(x, [2, 0, 1], true), tf.mean(x, [-4, -3, -2]), tf.mean(x, [0, 1]), tf.mean(x)].map(
          (t) => ({ shape: t.shape, values: Array.from(t.dataSync()) }),
        );
      }),
    );
    for (let i = 0; i < wasm.length; i++) {
      expect(wasm[i].shape).toEqual(cpu[i].shape);
      expect(maxRelError(wasm[i].values, cpu[i].values)).toBeLessThan(1e-5);
    }
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
