import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, shutdownBackend } from '../src/index';
import { kernelWorkers } from '../src/parallel/pool';
import { betaMode, lrnKernels } from '../src/wasm/lrn-simd';
import { SIMD_VARIANT } from '../src/wasm/simd/simd-kernels';
import { seeded } from './helpers/reference';

type Shape4 = [number, number, number, number];

interface Params {
  depthRadius: number;
  bias: number;
  alpha: number;
  beta: number;
}

/** y and dL/dx of L = Σ w·LRN(x) in float64, straight from the definition (window re-summed per channel). */
function lrnRef(x: Float32Array, w: Float32Array, channels: number, p: Params) {
  const y = new Float64Array(x.length);
  const dx = new Float64Array(x.length);
  const norm = new Float64Array(channels);
  for (let base = 0; base < x.length; base += channels) {
    for (let c = 0; c < channels; c++) {
      let s = 0;
      for (let j = Math.max(0, c - p.depthRadius); j <= Math.min(channels - 1, c + p.depthRadius); j++)
        s += x[base + j] * x[base + j];
      norm[c] = p.bias + p.alpha * s;
      y[base + c] = x[base + c] * norm[c] ** -p.beta;
    }
    for (let k = 0; k < channels; k++) {
      let g = w[base + k] * norm[k] ** -p.beta;
      for (let c = Math.max(0, k - p.depthRadius); c <= Math.min(channels - 1, k + p.depthRadius); c++)
        g -= 2 * p.alpha * p.beta * w[base + c] * x[base + c] * x[base + k] * norm[c] ** (-p.beta - 1);
      dx[base + k] = g;
    }
  }
  return { y, dx };
}

/** y = LRN(x) and dL/dx of L = Σ w·y on the current backend, through tf.localResponseNormalization and tf.grad. */
function lrnOn(x: Float32Array, w: Float32Array, shape: Shape4, p: Params) {
  return tf.tidy(() => {
    const xt = tf.tensor4d(x, shape);
    const wt = tf.tensor4d(w, shape);
    const f = (t: tf.Tensor) => tf.localResponseNormalization(t as tf.Tensor4D, p.depthRadius, p.bias, p.alpha, p.beta);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(f(t), wt)))(xt);
    return { y: f(xt).dataSync().slice(), dx: dx.dataSync().slice() };
  });
}

/** Largest |a − b| / |b| over the elements (|b| floored at 1e-6 of the largest). */
function worstRelative(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-6 * scale));
  return worst;
}

/** Largest |a − b| relative to the largest |b|: gradients are sums of terms that can cancel. */
function worstScaled(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  for (let i = 0; i < b.length; i++) scale = Math.max(scale, Math.abs(b[i]));
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst / scale;
}

// Channels: one, fewer than a SIMD pair, odd, CifarNet's 64 and one more; radii 0 to past every channel;
// the three exponents with exact root forms and one that takes Math.pow; biases and α where the sum matters.
const SCALES = [
  { bias: 2, alpha: 1e-4 },
  { bias: 1, alpha: 0.5 },
  { bias: 0.25, alpha: 2 },
];
const CASES: [string, Shape4, Params][] = [];
for (const channels of [1, 3, 5, 64, 65])
  for (const depthRadius of [0, 1, 2, 5])
    for (const beta of [0.5, 0.75, 1, 0.6]) {
      const i = CASES.length;
      const shape: Shape4 = i % 2 === 0 ? [1, 3, 5, channels] : [3, 5, 3, channels];
      const p = { depthRadius, beta, ...SCALES[i % SCALES.length] };
      CASES.push([`x ${shape.join('×')} r=${depthRadius} β=${beta} k=${p.bias} α=${p.alpha}`, shape, p]);
    }
CASES.push([
  'x 2×3×3×7 r=100 (past every channel) β=0.75 k=1 α=1',
  [2, 3, 3, 7],
  { depthRadius: 100, bias: 1, alpha: 1, beta: 0.75 },
]);

const inputs = (shape: Shape4, seed: number) => {
  const n = shape.reduce((a, b) => a * b, 1);
  const x = seeded(n, seed).map((v) => 3 * v);
  return { x, w: seeded(n, seed + 1) };
};

describe('wasm LRN and LRNGrad', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
  });
  afterAll(async () => {
    SIMD_VARIANT.value = 'auto';
    await shutdownBackend();
  });

  it.each(['auto', 'none'] as const)(
    'match a float64 reference over the shape grid, values and gradient (dlkit SIMD kernels: %s)',
    (variant) => {
      SIMD_VARIANT.value = variant;
      try {
        // 'auto' runs lrn.wat; 'none' the wasm backend's own kernels, the path taken without it.
        expect(lrnKernels(tf.backend() as never) === null).toBe(variant === 'none');
        for (const [name, shape, p] of CASES) {
          const { x, w } = inputs(shape, 3 + shape[3]);
          const before = tf.memory().numTensors;
          const got = lrnOn(x, w, shape, p);
          expect(tf.memory().numTensors, name).toBe(before);
          const ref = lrnRef(x, w, shape[3], p);
          expect(worstRelative(got.y, ref.y), name).toBeLessThan(variant === 'auto' ? 2e-7 : 1e-6);
          expect(worstScaled(got.dx, ref.dx), name).toBeLessThan(2e-6);
        }
      } finally {
        SIMD_VARIANT.value = 'auto';
      }
    },
  );

  it('agree with the cpu backend within float32 rounding, values and gradient', async () => {
    for (const [name, shape, p] of CASES) {
      const { x, w } = inputs(shape, 5 + shape[3]);
      const onWasm = lrnOn(x, w, shape, p);
      await tf.setBackend('cpu');
      const onCpu = lrnOn(x, w, shape, p);
      await tf.setBackend('wasm');
      expect(worstRelative(onWasm.y, onCpu.y), name).toBeLessThan(3e-7);
      expect(worstScaled(onWasm.dx, onCpu.dx), name).toBeLessThan(2e-6);
    }
  });

  it('gives the same bits every call, and keeps rank-3 input, zeros and huge values finite', () => {
    const shape: Shape4 = [2, 4, 4, 9];
    const { x, w } = inputs(shape, 21);
    const p = { depthRadius: 2, bias: 1, alpha: 1e-3, beta: 0.75 };
    const a = lrnOn(x, w, shape, p);
    const b = lrnOn(x, w, shape, p);
    expect(Array.from(a.y)).toEqual(Array.from(b.y));
    expect(Array.from(a.dx)).toEqual(Array.from(b.dx));
    const edge = tf.tidy(() =>
      tf
        .localResponseNormalization(tf.tensor3d([0, 0, 0, 1e18, -1e18, 0], [1, 2, 3]), 1, 1, 1, 0.75)
        .dataSync()
        .slice(),
    );
    expect(Array.from(edge.slice(0, 3))).toEqual([0, 0, 0]);
    // 1e18 / (1 + 2e36)^0.75: float64 inside, so no overflow to 0 or NaN.
    expect(edge[3]).toBeCloseTo(1e18 / (1 + 2e36) ** 0.75, 3);
    expect(edge[4]).toBeCloseTo(-1e18 / (1 + 2e36) ** 0.75, 3);
  });

  it("for other β, agrees with the cpu backend where N leaves the polynomials' range (Math.pow lanes) too", async () => {
    // Per pixel (3 channels, radius 0, bias 1e-310): N denormal, zero, huge (1e300: z = −0.6 ln N ≈ −414), and
    // ordinary values beside them in the same SIMD pairs.
    const x = new Float32Array([0, 1e-30, 2, 1e15, 3, -0.5, 0, 0, 0, 7, 1e-20, 1e-3]);
    const run = () =>
      tf.tidy(() =>
        tf
          .localResponseNormalization(tf.tensor4d(x, [1, 2, 2, 3]), 0, 1e-310, 1, 0.6)
          .dataSync()
          .slice(),
      );
    const onWasm = run();
    await tf.setBackend('cpu');
    const onCpu = run();
    await tf.setBackend('wasm');
    for (let i = 0; i < x.length; i++) {
      if (Number.isNaN(onCpu[i])) expect(onWasm[i], `element ${i}`).toBeNaN();
      else expect(Math.abs(onWasm[i] - onCpu[i]), `element ${i}`).toBeLessThanOrEqual(2e-7 * Math.abs(onCpu[i]));
    }
  });

  it('keeps small squares beside a huge one (a running sum would subtract them away)', () => {
    const shape: Shape4 = [1, 2, 3, 7];
    const x = new Float32Array(42).map((_, i) => (i % 5 === 0 ? 1e15 : (i % 7) - 3));
    const w = seeded(42, 41);
    for (const depthRadius of [0, 1, 2, 5]) {
      const p = { depthRadius, bias: 1, alpha: 1, beta: 0.75 };
      const got = lrnOn(x, w, shape, p);
      const ref = lrnRef(x, w, 7, p);
      expect(worstRelative(got.y, ref.y), `r=${depthRadius}`).toBeLessThan(2e-7);
      expect(worstScaled(got.dx, ref.dx), `r=${depthRadius}`).toBeLessThan(2e-6);
    }
  });

  it('leaves no tensor behind when a call fails', () => {
    const before = tf.memory().numTensors;
    const x = tf.ones([1, 2, 2, 3]);
    const ints = tf.ones([1, 2, 2, 3], 'int32');
    const flat = tf.ones([2, 3]);
    expect(() => tf.localResponseNormalization(x as tf.Tensor4D, 1.5)).toThrow(/depthRadius must be an integer/);
    expect(() => tf.localResponseNormalization(flat as unknown as tf.Tensor4D)).toThrow(/rank 3 or 4/);
    // Not float32: left to the backend's own kernel, which refuses it before allocating anything.
    expect(() => tf.localResponseNormalization(ints as tf.Tensor4D)).toThrow(/float32/);
    tf.dispose([x, ints, flat]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('takes the root forms for β = 1/2, 3/4 and 1 only', () => {
    expect([0.5, 0.75, 1, 0.6, 0, 2].map(betaMode)).toEqual([1, 2, 3, 0, 0, 0]);
  });
});

describe('wasm LRN and LRNGrad with kernel workers running', () => {
  afterAll(async () => {
    await shutdownBackend();
  });

  it('are cut along the batch over the workers and give the same bits as one thread', async () => {
    // CifarNet's second normalisation at batch 16: every pixel is normalised on its own, so the cut
    // changes nothing but where it is computed.
    const shape: Shape4 = [16, 16, 16, 64];
    const { x, w } = inputs(shape, 31);
    const p = { depthRadius: 2, bias: 1, alpha: 1e-4, beta: 0.75 };
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    const alone = lrnOn(x, w, shape, p);
    await initBackend({ prefer: 'wasm', strict: true, threads: 2 });
    const seq = kernelWorkers()[0].seq;
    const before = tf.memory().numTensors;
    const split = lrnOn(x, w, shape, p);
    expect(tf.memory().numTensors).toBe(before);
    // The forward calls and LRNGrad each went to the worker.
    expect(kernelWorkers()[0].seq).toBe(seq + 3);
    expect(Array.from(split.y)).toEqual(Array.from(alone.y));
    expect(Array.from(split.dx)).toEqual(Array.from(alone.dx));
  });
});
