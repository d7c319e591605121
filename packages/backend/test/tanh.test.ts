import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { SIMD_VARIANT } from '../src/wasm/simd/simd-kernels';
import { tanhInto } from '../src/wasm/tanh';

describe('wasm Tanh', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });

  it('is within a few float32 ulps of tanh over the whole line, odd, and saturates to ±1', () => {
    const xs = new Float32Array(200_001);
    for (let i = 0; i < xs.length; i++) xs[i] = (i - 100_000) / 10_000; // −10 … 10
    const ys = new Float32Array(xs.length);
    tanhInto(xs, ys);
    let worst = 0;
    for (let i = 0; i < xs.length; i++) worst = Math.max(worst, Math.abs(ys[i] - Math.tanh(xs[i])));
    expect(worst).toBeLessThan(3e-7);
    for (let i = 0; i < xs.length; i++) expect(ys[i] + ys[xs.length - 1 - i]).toBe(0);
    const edge = new Float32Array([1e30, -1e30, Infinity, -Infinity, 0, 1e-30]);
    const out = new Float32Array(6);
    tanhInto(edge, out);
    expect(Array.from(out.slice(0, 4)).map((v) => Math.abs(Math.abs(v) - 1) < 1e-7)).toEqual([true, true, true, true]);
    expect(out[4]).toBe(0);
    expect(out[5]).toBeCloseTo(1e-30, 36);
  });

  it('agrees with the cpu backend, values and gradient', async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.linspace(-6, 6, 1001);
        const [y, g] = [tf.tanh(x), tf.grad((t: tf.Tensor) => tf.sum(tf.tanh(t)))(x)];
        return [y.dataSync().slice(), g.dataSync().slice()];
      });
    const [y, g] = run();
    await tf.setBackend('cpu');
    const [yc, gc] = run();
    await tf.setBackend('wasm');
    for (let i = 0; i < y.length; i++) {
      expect(Math.abs(y[i] - yc[i])).toBeLessThan(2e-7);
      expect(Math.abs(g[i] - gc[i])).toBeLessThan(5e-7);
    }
  });

  it.each(['auto', 'none'] as const)(
    'tf.tanh on wasm (SIMD kernels: %s) is within a few float32 ulps, odd, saturates and keeps NaN',
    (variant) => {
      SIMD_VARIANT.value = variant;
      try {
        const n = 200_003; // not a multiple of 4: the scalar tail too
        const xs = new Float32Array(n);
        for (let i = 0; i < n; i++) xs[i] = (i - (n - 1) / 2) / 10_000; // −10 … 10, symmetric
        const before = tf.memory().numTensors;
        const ys = tf.tidy(() => tf.tanh(tf.tensor1d(xs)).dataSync().slice());
        expect(tf.memory().numTensors).toBe(before);
        let worst = 0;
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(ys[i] - Math.tanh(xs[i])));
        expect(worst).toBeLessThan(3e-7);
        for (let i = 0; i < n; i++) expect(ys[i] + ys[n - 1 - i]).toBe(0);
        // The SIMD kernel does the JS loop's float64 operations in the same order: the same bits.
        const js = new Float32Array(n);
        tanhInto(xs, js);
        expect(Array.from(ys)).toEqual(Array.from(js));
        const edge = tf.tidy(() =>
          tf
            .tanh(tf.tensor1d([1e30, -1e30, Infinity, -Infinity, 0, 1e-30, NaN, 8]))
            .dataSync()
            .slice(),
        );
        expect(Array.from(edge.slice(0, 4)).map((v) => Math.abs(Math.abs(v) - 1) < 1e-7)).toEqual([true, true, true, true]);
        expect(edge[4]).toBe(0);
        expect(edge[5]).toBeCloseTo(1e-30, 36);
        expect(edge[6]).toBeNaN();
        expect(Math.abs(edge[7] - Math.tanh(8))).toBeLessThan(1e-7);
      } finally {
        SIMD_VARIANT.value = 'auto';
      }
    },
  );
});
