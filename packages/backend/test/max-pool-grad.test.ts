import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { maxRelError, seeded } from './helpers/reference';

type Pad = 'same' | 'valid';
const CASES: [number[], number, number, Pad][] = [
  [[2, 8, 8, 3], 2, 2, 'valid'], // tiling windows: the fast path
  [[2, 9, 7, 3], 2, 2, 'valid'], // tiling with a ragged edge
  [[2, 9, 7, 3], 2, 2, 'same'],
  [[1, 10, 10, 4], 3, 2, 'valid'], // overlapping (AlexNet)
  [[1, 10, 10, 4], 3, 2, 'same'],
  [[3, 6, 6, 2], 3, 1, 'same'],
  [[1, 5, 5, 1], 5, 5, 'valid'],
  [[2, 9, 9, 6], 3, 2, 'same'], // four channels per SIMD lane group, two left over (CifarNet's 3×3/2 pools)
  [[1, 8, 8, 8], 2, 2, 'valid'],
  [[2, 7, 5, 5], 3, 2, 'valid'],
  [[2, 9, 9, 64], 3, 2, 'same'], // CifarNet's channel count: the masked SIMD routing, 16 groups per pixel
  [[1, 7, 7, 12], 3, 1, 'same'], // windows overlapping nine-fold
  [[1, 6, 6, 4], 2, 2, 'valid'],
];

function maxPoolGradOn(_backend: string, shape: number[], size: number, stride: number, pad: Pad, values: Float32Array) {
  return tf.tidy(() => {
    const x = tf.tensor4d(values, shape as [number, number, number, number]);
    // Weight each output differently so a gradient sent to the wrong input cannot go unnoticed.
    const weighted = (t: tf.Tensor) => {
      const y = tf.maxPool(t as tf.Tensor4D, size, stride, pad);
      return tf.sum(tf.mul(y, tf.reshape(tf.range(1, 1 + y.size), y.shape)));
    };
    const g = tf.grad(weighted)(x);
    return g.dataSync().slice();
  });
}

describe('wasm MaxPoolGrad', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  it.each(CASES)('matches the cpu backend for x=%j size=%i stride=%i pad=%s', async (shape, size, stride, pad) => {
    const values = seeded(
      shape.reduce((a, b) => a * b),
      11,
    );
    const before = tf.memory().numTensors;
    const onWasm = maxPoolGradOn('wasm', shape, size, stride, pad, values);
    expect(tf.memory().numTensors).toBe(before);
    await tf.setBackend('cpu');
    const onCpu = maxPoolGradOn('cpu', shape, size, stride, pad, values);
    await tf.setBackend('wasm');
    expect(maxRelError(onWasm, onCpu)).toBe(0);
  });

  it('sends the gradient of a tied window to its first maximum, as the cpu backend does', async () => {
    const values = new Float32Array([1, 1, 1, 1, 0, 2, 2, 0, 3, 3, 3, 3, 5, 4, 5, 4]);
    const onWasm = maxPoolGradOn('wasm', [1, 4, 4, 1], 2, 2, 'valid', values);
    await tf.setBackend('cpu');
    const onCpu = maxPoolGradOn('cpu', [1, 4, 4, 1], 2, 2, 'valid', values);
    await tf.setBackend('wasm');
    expect(Array.from(onWasm)).toEqual(Array.from(onCpu));
    expect(Array.from(onWasm).reduce((a, b) => a + b, 0)).toBe(1 + 2 + 3 + 4);
  });

  it('sends tied windows to their first maximum in every SIMD lane too', async () => {
    // Four channels (one vector): each a different tie pattern over the 2×2 window.
    const values = new Float32Array([1, 0, 2, 7, 1, 3, 2, 7, 1, 3, 5, 7, 1, 0, 5, 7]);
    const onWasm = maxPoolGradOn('wasm', [1, 2, 2, 4], 2, 2, 'valid', values);
    await tf.setBackend('cpu');
    const onCpu = maxPoolGradOn('cpu', [1, 2, 2, 4], 2, 2, 'valid', values);
    await tf.setBackend('wasm');
    expect(Array.from(onWasm)).toEqual(Array.from(onCpu));
  });

  it('routes nothing from a window without a maximum (only -Infinity), as the cpu backend does', async () => {
    const values = seeded(4 * 4 * 8, 13);
    for (let i = 0; i < 2 * 2 * 8; i++)
      if (i % 8 < 5) values[(Math.floor(i / 16) * 4 + (Math.floor(i / 8) % 2)) * 8 + (i % 8)] = -Infinity;
    const onWasm = maxPoolGradOn('wasm', [1, 4, 4, 8], 2, 2, 'valid', values);
    await tf.setBackend('cpu');
    const onCpu = maxPoolGradOn('cpu', [1, 4, 4, 8], 2, 2, 'valid', values);
    await tf.setBackend('wasm');
    expect(Array.from(onWasm)).toEqual(Array.from(onCpu));
  });

  it('agrees with finite differences away from ties', () => {
    const shape = [1, 6, 6, 2];
    const values = seeded(72, 12);
    const g = maxPoolGradOn('wasm', shape, 3, 2, 'same', values);
    const f = (v: Float32Array) =>
      tf.tidy(() => {
        const y = tf.maxPool(tf.tensor4d(v, [1, 6, 6, 2]), 3, 2, 'same');
        return tf.sum(tf.mul(y, tf.reshape(tf.range(1, 1 + y.size), y.shape))).dataSync()[0];
      });
    for (let i = 0; i < values.length; i++) {
      const p = values.slice();
      p[i] += 1e-3;
      const m = values.slice();
      m[i] -= 1e-3;
      expect(g[i]).toBeCloseTo((f(p) - f(m)) / 2e-3, 1);
    }
  });
});
