import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { seeded } from './helpers/reference';

const onBoth = async (f: () => Float32Array | Int32Array) => {
  const before = tf.memory().numTensors;
  const wasm = Array.from(tf.tidy(f));
  expect(tf.memory().numTensors).toBe(before);
  await tf.setBackend('cpu');
  const cpu = Array.from(tf.tidy(f));
  await tf.setBackend('wasm');
  return { wasm, cpu };
};

const SLICES: [number[], number[], number[]][] = [
  [
    [64, 4, 4, 9],
    [0, 0, 0, 2],
    [64, 4, 4, 5],
  ], // local response normalisation's channel windows
  [
    [5, 6, 7],
    [1, 2, 3],
    [3, 4, 2],
  ], // every axis cut
  [
    [5, 6, 7],
    [2, 0, 0],
    [2, 6, 7],
  ], // one contiguous block
  [[10], [3], [5]],
  [
    [3, 4, 5, 6, 2],
    [1, 0, 2, 1, 1],
    [2, 4, 2, 5, 1],
  ],
  [
    [4, 5],
    [0, 1],
    [-1, -1],
  ], // size −1: to the end
  [
    [4, 0, 3],
    [0, 0, 0],
    [4, 0, 3],
  ], // empty
];

const PADS: [number[], [number, number][], number][] = [
  [
    [8, 4, 4, 6],
    [
      [0, 0],
      [0, 0],
      [0, 0],
      [2, 2],
    ],
    0,
  ],
  [
    [3, 5, 4],
    [
      [1, 0],
      [2, 3],
      [0, 1],
    ],
    0.5,
  ],
  [[7], [[3, 1]], -2],
  [
    [2, 3, 4, 5, 2],
    [
      [0, 1],
      [1, 0],
      [0, 0],
      [2, 2],
      [0, 1],
    ],
    0,
  ],
];

describe('wasm Slice and PadV2 by SIMD runs', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  it.each(SLICES)('Slice of %j at %j size %j equals the cpu backend', async (shape, begin, size) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const { wasm, cpu } = await onBoth(() => tf.slice(tf.tensor(seeded(n, 3), shape), begin, size).dataSync() as Float32Array);
    expect(wasm).toEqual(cpu);
  });

  it('slices int32 tensors too', async () => {
    const { wasm, cpu } = await onBoth(
      () => tf.slice(tf.range(0, 60, 1, 'int32').reshape([3, 4, 5]), [1, 1, 1], [2, 2, 3]).dataSync() as Int32Array,
    );
    expect(wasm).toEqual(cpu);
  });

  it.each(PADS)('PadV2 of %j by %j with %d equals the cpu backend', async (shape, paddings, value) => {
    const n = shape.reduce((a, b) => a * b, 1);
    const { wasm, cpu } = await onBoth(() => tf.pad(tf.tensor(seeded(n, 4), shape), paddings, value).dataSync() as Float32Array);
    expect(wasm).toEqual(cpu);
  });

  it('gives the gradient of a padded slice (the local response normalisation pattern) as the cpu backend does', async () => {
    const x = seeded(2 * 3 * 3 * 6, 5);
    const f = () =>
      tf
        .grad((t: tf.Tensor) => {
          const padded = tf.pad(tf.square(t), [
            [0, 0],
            [0, 0],
            [0, 0],
            [2, 2],
          ]);
          let s = tf.slice(padded, [0, 0, 0, 0], [2, 3, 3, 6]);
          for (let o = 1; o <= 4; o++) s = tf.add(s, tf.mul(tf.slice(padded, [0, 0, 0, o], [2, 3, 3, 6]), o));
          return tf.sum(tf.mul(s, t));
        })(tf.tensor4d(x, [2, 3, 3, 6]))
        .dataSync() as Float32Array;
    const { wasm, cpu } = await onBoth(f);
    for (let i = 0; i < cpu.length; i++) expect(wasm[i]).toBeCloseTo(cpu[i], 5);
  });
});
