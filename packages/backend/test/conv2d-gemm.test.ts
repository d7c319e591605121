import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../src/index';
import { CONV2D_FORM, preferGemm } from '../src/wasm/conv2d-gemm';
import { BACKPROP_INPUT_FORM } from '../src/wasm/conv2d-backprop-input';
import { SIMD_VARIANT } from '../src/wasm/simd/simd-kernels';
import { conv2dBackpropInputRef, conv2dRef, geometry, maxRelError, seeded } from './helpers/reference';

type Pad = 'same' | 'valid' | [[number, number], [number, number]];
interface Case {
  x: [number, number, number, number];
  f: [number, number, number, number];
  s: [number, number];
  d: [number, number];
  pad: Pad;
}

// The geometry grid of the gradient tests (strides, dilations, odd sizes, every padding kind) over the
// shapes the forward form must get right: 1 × 1 (the pointwise product) and 5 × 5 filters, 1, 3 and 64
// input channels, a batch of 1 and of several, an output width that is not a multiple of the 8-wide tile.
const PADS: Pad[] = [
  'valid',
  'same',
  [
    [1, 2],
    [0, 1],
  ],
];
const STRIDES: [number, number][] = [
  [1, 1],
  [2, 2],
  [2, 1],
];
const DILATIONS: [number, number][] = [
  [1, 1],
  [2, 1],
];
const SHAPES: [Case['x'], Case['f']][] = [
  [
    [1, 9, 8, 1],
    [5, 5, 1, 16],
  ],
  [
    [3, 11, 10, 3],
    [5, 5, 3, 20],
  ],
  [
    [2, 7, 6, 64],
    [5, 5, 64, 9],
  ],
  [
    [2, 6, 5, 64],
    [1, 1, 64, 13],
  ],
  [
    [1, 6, 6, 3],
    [1, 1, 3, 32],
  ],
  [
    [4, 8, 8, 3],
    [3, 2, 3, 7],
  ],
];
const CASES: Case[] = [];
for (const pad of PADS)
  for (const s of STRIDES)
    for (const d of DILATIONS)
      for (const [x, f] of SHAPES) {
        const g = geometry(x, f, s, d, pad);
        if (g.oh > 0 && g.ow > 0) CASES.push({ x, f, s, d, pad });
      }

const explicit = (pad: Pad) =>
  typeof pad === 'string'
    ? pad
    : ([[0, 0], pad[0], pad[1], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]]);
const name = (c: Case) => `x=${c.x} f=${c.f} strides=${c.s} dilations=${c.d} pad=${JSON.stringify(c.pad)}`;
const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

const convAttrs = (c: Case) => ({
  strides: c.s,
  pad: explicit(c.pad),
  dataFormat: 'NHWC',
  dilations: c.d,
  dimRoundingMode: undefined,
});

function runConv(c: Case, xv: Float32Array, wv: Float32Array): Float32Array {
  return tf.tidy(() => {
    const out = tf
      .engine()
      .runKernel('Conv2D', { x: tf.tensor4d(xv, c.x), filter: tf.tensor4d(wv, c.f) }, convAttrs(c) as never) as tf.Tensor;
    return out.dataSync().slice() as Float32Array;
  });
}

function runFused(c: Case, xv: Float32Array, wv: Float32Array, bv: Float32Array | null, activation: string): Float32Array {
  return tf.tidy(() => {
    const inputs: Record<string, tf.Tensor> = { x: tf.tensor4d(xv, c.x), filter: tf.tensor4d(wv, c.f) };
    if (bv !== null) inputs.bias = tf.tensor1d(bv);
    const out = tf.engine().runKernel('FusedConv2D', inputs, { ...convAttrs(c), activation } as never) as tf.Tensor;
    return out.dataSync().slice() as Float32Array;
  });
}

// Every case on the engine's own build (relaxed SIMD on Node 22+), on the plain-SIMD build browsers without
// relaxed SIMD get, and without dlkit's kernels (then the GEMM form must fall back to XNNPACK).
describe.each(['auto', 'plain', 'none'] as const)('wasm Conv2D and FusedConv2D (SIMD kernels: %s)', (variant) => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    SIMD_VARIANT.value = variant;
  });
  afterEach(() => {
    CONV2D_FORM.value = 'auto';
  });
  afterAll(() => {
    SIMD_VARIANT.value = 'auto';
  });

  it('covers a grid of shapes, strides, dilations and paddings', () => {
    expect(CASES.length).toBeGreaterThan(80);
  });

  it.each(CASES.flatMap((c) => (['gemm', 'xnnpack'] as const).map((form) => [`${form} ${name(c)}`, c, form] as const)))(
    'Conv2D matches the float64 reference: %s',
    (_, c, form) => {
      CONV2D_FORM.value = form;
      const g = geometry(c.x, c.f, c.s, c.d, c.pad);
      const xv = seeded(count(c.x), 11);
      const wv = seeded(count(c.f), 12);
      const before = tf.memory().numTensors;
      const got = runConv(c, xv, wv);
      expect(tf.memory().numTensors).toBe(before);
      expect(got.length).toBe(g.n * g.oh * g.ow * g.co);
      expect(maxRelError(got, conv2dRef(g, xv, wv))).toBeLessThan(1e-5);
    },
  );

  it.each(CASES.filter((_, i) => i % 3 === 0).map((c) => [name(c), c] as const))(
    'FusedConv2D (bias, then linear or ReLU) matches the float64 reference: %s',
    (_, c) => {
      CONV2D_FORM.value = 'gemm';
      const g = geometry(c.x, c.f, c.s, c.d, c.pad);
      const xv = seeded(count(c.x), 13);
      const wv = seeded(count(c.f), 14);
      const bv = seeded(g.co, 15);
      const ref = conv2dRef(g, xv, wv).map((v, i) => v + bv[i % g.co]);
      const before = tf.memory().numTensors;
      const linear = runFused(c, xv, wv, bv, 'linear');
      const relu = runFused(c, xv, wv, bv, 'relu');
      const reluNoBias = runFused(c, xv, wv, null, 'relu');
      expect(tf.memory().numTensors).toBe(before);
      expect(maxRelError(linear, ref)).toBeLessThan(1e-5);
      expect(
        maxRelError(
          relu,
          ref.map((v) => Math.max(0, v)),
        ),
      ).toBeLessThan(1e-5);
      expect(
        maxRelError(
          reluNoBias,
          conv2dRef(g, xv, wv).map((v) => Math.max(0, v)),
        ),
      ).toBeLessThan(1e-5);
    },
  );

  it('FusedConv2D with another activation or a PReLU goes to the backend kernel and is still right', () => {
    CONV2D_FORM.value = 'gemm';
    const c: Case = { x: [2, 7, 6, 3], f: [3, 3, 3, 16], s: [1, 1], d: [1, 1], pad: 'same' };
    const g = geometry(c.x, c.f, c.s, c.d, c.pad);
    const xv = seeded(count(c.x), 16);
    const wv = seeded(count(c.f), 17);
    const ref = conv2dRef(g, xv, wv);
    const before = tf.memory().numTensors;
    const sigmoid = runFused(c, xv, wv, null, 'sigmoid');
    const prelu = tf.tidy(() => {
      const out = tf
        .engine()
        .runKernel(
          'FusedConv2D',
          { x: tf.tensor4d(xv, c.x), filter: tf.tensor4d(wv, c.f), preluActivationWeights: tf.fill([g.co], 0.25) },
          { ...convAttrs(c), activation: 'prelu' } as never,
        ) as tf.Tensor;
      return out.dataSync().slice();
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(
      maxRelError(
        sigmoid,
        ref.map((v) => 1 / (1 + Math.exp(-v))),
      ),
    ).toBeLessThan(1e-5);
    expect(
      maxRelError(
        prelu,
        ref.map((v) => (v < 0 ? 0.25 * v : v)),
      ),
    ).toBeLessThan(1e-5);
  });

  it('is bit-for-bit reproducible from call to call', () => {
    CONV2D_FORM.value = 'gemm';
    const c: Case = { x: [3, 12, 12, 64], f: [5, 5, 64, 32], s: [1, 1], d: [1, 1], pad: 'same' };
    const xv = seeded(count(c.x), 18);
    const wv = seeded(count(c.f), 19);
    const a = runConv(c, xv, wv);
    const b = runConv(c, xv, wv);
    expect(new Uint32Array(b.buffer)).toEqual(new Uint32Array(a.buffer));
  });

  // dx by the transposed convolution runs its convolution through Conv2D: checked here on the GEMM form.
  it.each(CASES.filter((c) => c.s[0] === c.s[1]).map((c) => [name(c), c] as const))(
    'Conv2DBackpropInput as a transposed convolution on the GEMM form matches the float64 reference: %s',
    (_, c) => {
      CONV2D_FORM.value = 'gemm';
      BACKPROP_INPUT_FORM.value = 'transposed-conv';
      try {
        const g = geometry(c.x, c.f, c.s, c.d, c.pad);
        const wv = seeded(count(c.f), 20);
        const dyv = seeded(g.n * g.oh * g.ow * g.co, 21);
        const before = tf.memory().numTensors;
        const got = tf.tidy(() => {
          const out = tf
            .engine()
            .runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]), filter: tf.tensor4d(wv, c.f) }, {
              ...convAttrs(c),
              inputShape: c.x,
            } as never) as tf.Tensor;
          return out.dataSync().slice();
        });
        expect(tf.memory().numTensors).toBe(before);
        expect(maxRelError(got, conv2dBackpropInputRef(g, wv, dyv))).toBeLessThan(1e-5);
      } finally {
        BACKPROP_INPUT_FORM.value = 'auto';
      }
    },
  );
});

describe('gradients through a convolution on the GEMM form', () => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    CONV2D_FORM.value = 'gemm';
  });
  afterAll(() => {
    CONV2D_FORM.value = 'auto';
  });

  it('tf.grads of Σ (conv(x, W) + b)² equal float64 central differences', () => {
    const c: Case = { x: [2, 7, 6, 3], f: [3, 3, 3, 16], s: [2, 1], d: [1, 1], pad: 'same' };
    const g = geometry(c.x, c.f, c.s, c.d, c.pad);
    const xv = seeded(count(c.x), 22);
    const wv = seeded(count(c.f), 23);
    const bv = seeded(g.co, 24);
    const before = tf.memory().numTensors;
    const [gx, gw, gb] = tf.tidy(() => {
      const f = (x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.sum(
          tf.square(tf.fused.conv2d({ x: x as tf.Tensor4D, filter: w as tf.Tensor4D, strides: [2, 1], pad: 'same', bias: b })),
        );
      return tf
        .grads(f)([tf.tensor4d(xv, c.x), tf.tensor4d(wv, c.f), tf.tensor1d(bv)])
        .map((t) => t.dataSync().slice());
    });
    expect(tf.memory().numTensors).toBe(before);
    const loss = (x: Float64Array, w: Float64Array, b: Float64Array) =>
      conv2dRef(g, x, w).reduce((sum, v, i) => sum + (v + b[i % g.co]) ** 2, 0);
    const x0 = Float64Array.from(xv);
    const w0 = Float64Array.from(wv);
    const b0 = Float64Array.from(bv);
    const h = 1e-6;
    const central = (which: 0 | 1 | 2, i: number) => {
      const args = [x0, w0, b0].map((a) => a.slice());
      args[which][i] += h;
      const up = loss(args[0], args[1], args[2]);
      args[which][i] -= 2 * h;
      return (up - loss(args[0], args[1], args[2])) / (2 * h);
    };
    for (const i of [0, 5, 40, 100, 251]) expect(gx[i]).toBeCloseTo(central(0, i), 3);
    for (const i of [0, 17, 99, 300, 431]) expect(gw[i]).toBeCloseTo(central(1, i), 3);
    for (const i of [0, 7, 15]) expect(gb[i]).toBeCloseTo(central(2, i), 3);
  });
});

describe('which form runs a forward convolution', () => {
  const info = (x: Case['x'], f: Case['f'], pad: 'same' | 'valid' = 'same') => tf.backend_util.computeConv2DInfo(x, f, 1, 1, pad);

  it('takes the GEMM for the benchmark nets: CIFAR conv1 and conv2, LeNet and the seed net', () => {
    expect(preferGemm(info([64, 32, 32, 3], [5, 5, 3, 64]))).toBe(true);
    expect(preferGemm(info([64, 16, 16, 64], [5, 5, 64, 64]))).toBe(true);
    expect(preferGemm(info([64, 28, 28, 1], [5, 5, 1, 32], 'valid'))).toBe(true);
    expect(preferGemm(info([64, 12, 12, 32], [5, 5, 32, 64], 'valid'))).toBe(true);
    expect(preferGemm(info([1, 16, 16, 64], [5, 5, 64, 64]))).toBe(true);
  });

  it('takes the GEMM for every 1 × 1 convolution with at least 16 outputs, even a shallow one', () => {
    expect(preferGemm(info([64, 16, 16, 8], [1, 1, 8, 32]))).toBe(true);
    expect(preferGemm(info([64, 16, 16, 8], [1, 1, 8, 8]))).toBe(false);
  });

  it('keeps XNNPACK for narrow outputs and shallow products', () => {
    expect(preferGemm(info([64, 16, 16, 32], [3, 3, 32, 8]))).toBe(false);
    expect(preferGemm(info([64, 32, 32, 3], [3, 3, 3, 16]))).toBe(false);
    expect(preferGemm(info([64, 28, 28, 1], [5, 5, 1, 6], 'valid'))).toBe(false);
  });
});
