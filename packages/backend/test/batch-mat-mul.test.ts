import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { SIMD_VARIANT } from '../src/wasm/simd/simd-kernels';
import { maxRelError, seeded } from './helpers/reference';

describe.each(['auto', 'plain', 'none'] as const)('wasm BatchMatMul with transposed operands (SIMD kernels: %s)', (variant) => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    SIMD_VARIANT.value = variant;
  });
  afterAll(() => {
    SIMD_VARIANT.value = 'auto';
  });

  const shapes: [number, number, number][] = [
    [5, 7, 3],
    [64, 33, 40],
    [1, 100, 1],
  ];
  const product = (m: number, k: number, n: number, ta: boolean, tb: boolean) =>
    tf.tidy(() => {
      const a = tf.tensor(seeded(m * k, m + k), ta ? [k, m] : [m, k]) as tf.Tensor2D;
      const b = tf.tensor(seeded(k * n, k + n + 1), tb ? [n, k] : [k, n]) as tf.Tensor2D;
      return tf.matMul(a, b, ta, tb).dataSync().slice();
    });

  for (const [m, k, n] of shapes) {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`${m}x${k}x${n} transposeA=${ta} transposeB=${tb} equals the cpu backend`, async () => {
        const before = tf.memory().numTensors;
        const onWasm = product(m, k, n, ta, tb);
        expect(tf.memory().numTensors).toBe(before);
        await tf.setBackend('cpu');
        const onCpu = product(m, k, n, ta, tb);
        await tf.setBackend('wasm');
        expect(maxRelError(onWasm, onCpu)).toBeLessThan(1e-5);
      });
    }
  }

  it('handles batched (rank-3) transposed products', async () => {
    const run = () =>
      tf.tidy(() => {
        const a = tf.tensor(seeded(3 * 4 * 5, 1), [3, 5, 4]) as tf.Tensor3D;
        const b = tf.tensor(seeded(3 * 5 * 6, 2), [3, 6, 5]) as tf.Tensor3D;
        return tf.matMul(a, b, true, true).dataSync().slice();
      });
    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');
    expect(maxRelError(onWasm, onCpu)).toBeLessThan(1e-5);
  });

  it.each([
    ['linear', false, false],
    ['relu', false, false],
    ['relu', true, false],
    ['relu', false, true],
    ['linear', true, true],
  ] as const)(
    '_FusedMatMul with bias, activation %s, transposeA=%s transposeB=%s equals the cpu backend',
    async (activation, ta, tb) => {
      const run = () =>
        tf.tidy(() => {
          const a = tf.tensor(seeded(37 * 21, 7), ta ? [21, 37] : [37, 21]) as tf.Tensor2D;
          const b = tf.tensor(seeded(21 * 19, 8), tb ? [19, 21] : [21, 19]) as tf.Tensor2D;
          const bias = tf.tensor1d(seeded(19, 9));
          return tf.fused.matMul({ a, b, transposeA: ta, transposeB: tb, bias, activation }).dataSync().slice();
        });
      const before = tf.memory().numTensors;
      const onWasm = run();
      expect(tf.memory().numTensors).toBe(before);
      await tf.setBackend('cpu');
      const onCpu = run();
      await tf.setBackend('wasm');
      expect(maxRelError(onWasm, onCpu)).toBeLessThan(1e-5);
    },
  );

  it('_FusedMatMul adds the bias and applies ReLU as the unfused product then a float32 add and `v < 0 ? 0 : v` (bit for bit on our kernels, NaN kept)', () => {
    for (const activation of ['relu', 'linear'] as const) {
      const av = seeded(13 * 9, 21);
      av[2 * 9 + 4] = Number.NaN;
      const a = tf.tensor(av, [13, 9]) as tf.Tensor2D;
      const b = tf.tensor(seeded(9 * 11, 22), [9, 11]) as tf.Tensor2D;
      const bv = seeded(11, 23);
      const bias = tf.tensor1d(bv);
      const before = tf.memory().numTensors;
      const fused = tf.tidy(() => tf.fused.matMul({ a, b, bias, activation }).dataSync<'float32'>().slice());
      const product = tf.tidy(() => tf.matMul(a, b).dataSync<'float32'>().slice());
      expect(tf.memory().numTensors).toBe(before);
      const expected = product.map((v, i) => {
        const s = Math.fround(v + bv[i % 11]);
        return activation === 'relu' && s < 0 ? 0 : s;
      });
      const finite = (x: Float32Array) => x.map((v) => (Number.isNaN(v) ? 0 : v));
      if (variant === 'none') {
        // Without our kernels XNNPACK's fused kernel runs: its own summation order, and its ReLU clamps NaN to 0.
        expect(maxRelError(finite(fused), finite(expected))).toBeLessThan(1e-5);
      } else {
        expect(Array.from(fused)).toEqual(Array.from(expected));
        expect(fused.some((v) => Number.isNaN(v))).toBe(true);
      }
      tf.dispose([a, b, bias]);
    }
  });

  // f = Σ w ⊙ (a·b + bias): ∂f/∂a = w·bᵀ, ∂f/∂b = aᵀ·w, ∂f/∂bias = column sums of w. Shapes across the 6 × 8
  // and 4 × 8 tiles (m = 6, 13, 64) and the 768-deep panel edge (k = 784).
  it.each([
    [6, 5, 8],
    [13, 17, 11],
    [64, 784, 20],
  ] as const)('gradients of a product and of a fused product with bias match float64 derivatives: %i×%i·%i×…', (m, k, n) => {
    const av = seeded(m * k, 31);
    const bv = seeded(k * n, 32);
    const wv = seeded(m * n, 33);
    const before = tf.memory().numTensors;
    const [ga, gb, gBias] = tf.tidy(() => {
      const w = tf.tensor2d(wv, [m, n]);
      const bias = tf.zeros([n]);
      const f = (a: tf.Tensor, b: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.mul(w, tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, bias: c })));
      return tf
        .grads(f)([tf.tensor2d(av, [m, k]), tf.tensor2d(bv, [k, n]), bias])
        .map((g) => g.dataSync<'float32'>().slice());
    });
    const gPlain = tf.tidy(() => {
      const w = tf.tensor2d(wv, [m, n]);
      const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(w, tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D)));
      return tf
        .grads(f)([tf.tensor2d(av, [m, k]), tf.tensor2d(bv, [k, n])])
        .map((g) => g.dataSync<'float32'>().slice());
    });
    expect(tf.memory().numTensors).toBe(before);
    const da = new Float64Array(m * k);
    const db = new Float64Array(k * n);
    const dBias = new Float64Array(n);
    for (let i = 0; i < m; i++)
      for (let j = 0; j < n; j++) {
        const g = wv[i * n + j];
        dBias[j] += g;
        for (let p = 0; p < k; p++) {
          da[i * k + p] += g * bv[p * n + j];
          db[p * n + j] += av[i * k + p] * g;
        }
      }
    const tol = 2e-6 * Math.sqrt(Math.max(m, k, n));
    expect(maxRelError(ga, da)).toBeLessThan(tol);
    expect(maxRelError(gb, db)).toBeLessThan(tol);
    expect(maxRelError(gBias, dBias)).toBeLessThan(tol);
    expect(maxRelError(gPlain[0], da)).toBeLessThan(tol);
    expect(maxRelError(gPlain[1], db)).toBeLessThan(tol);
  });

  it('broadcasts a single matrix against a batch', async () => {
    const run = () =>
      tf.tidy(() => {
        const a = tf.tensor(seeded(4 * 6 * 5, 3), [4, 6, 5]) as tf.Tensor3D;
        const b = tf.tensor(seeded(5 * 7, 4), [1, 5, 7]) as tf.Tensor3D;
        return tf.matMul(a, b).dataSync().slice();
      });
    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');
    expect(maxRelError(onWasm, onCpu)).toBeLessThan(1e-5);
  });
});
