import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { maxRelError, seeded } from './helpers/reference';

type Pad = 'same' | 'valid';
// Tiling windows take dlkit's path; the others must still reach the backend's own kernel correctly.
const CASES: [number[], number, number, Pad][] = [
  [[2, 8, 8, 3], 2, 2, 'valid'],
  [[2, 24, 24, 5], 2, 2, 'valid'],
  [[1, 9, 9, 2], 3, 3, 'valid'],
  [[2, 9, 7, 3], 2, 2, 'valid'],
  [[1, 10, 10, 4], 3, 2, 'same'],
];

function gradOf(shape: number[], size: number, stride: number, pad: Pad, values: Float32Array) {
  return tf.tidy(() => {
    const x = tf.tensor4d(values, shape as [number, number, number, number]);
    const weighted = (t: tf.Tensor) => {
      const y = tf.avgPool(t as tf.Tensor4D, size, stride, pad);
      return tf.sum(tf.mul(y, tf.reshape(tf.range(1, 1 + y.size), y.shape)));
    };
    return tf.grad(weighted)(x).dataSync().slice();
  });
}

describe('wasm AvgPoolGrad', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  it.each(CASES)('matches the cpu backend for x=%j size=%i stride=%i pad=%s', async (shape, size, stride, pad) => {
    const values = seeded(
      shape.reduce((a, b) => a * b),
      21,
    );
    const before = tf.memory().numTensors;
    const onWasm = gradOf(shape, size, stride, pad, values);
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
    const onCpu = gradOf(shape, size, stride, pad, values);
    await tf.setBackend('wasm');
    expect(maxRelError(onWasm, onCpu)).toBeLessThan(1e-6);
  });
});
