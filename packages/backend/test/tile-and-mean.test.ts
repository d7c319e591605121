import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { tileInto } from '../src/wasm/tile';
import { onWasmAndCpu } from './helpers/on-wasm-and-cpu';
import { maxRelError, seeded } from './helpers/reference';

describe('wasm Tile and Mean fix-ups', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  const TILES: [number[], number[]][] = [
    [
      [1, 1, 1, 16],
      [8, 16, 16, 1],
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
});
