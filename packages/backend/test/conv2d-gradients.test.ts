import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '@tensorflow/tfjs-backend-cpu';
import { initBackend } from '../src/index';
import { BACKPROP_INPUT_FORM } from '../src/wasm/conv2d-backprop-input';
import { SIMD_VARIANT } from '../src/wasm/simd/simd-kernels';
import { conv2dBackpropFilterRef, conv2dBackpropInputRef, conv2dRef, geometry, maxRelError, seeded } from './helpers/reference';

type Pad = 'same' | 'valid' | [[number, number], [number, number]];
interface Case {
  x: [number, number, number, number];
  f: [number, number, number, number];
  s: [number, number];
  d: [number, number];
  pad: Pad;
}

// A grid over the geometry the rewrites must get right: strides, dilations, odd sizes, every padding kind.
const CASES: Case[] = [];
for (const pad of [
  'valid',
  'same',
  [
    [1, 2],
    [0, 1],
  ],
] as Pad[])
  for (const s of [
    [1, 1],
    [2, 2],
    [2, 1],
    [3, 2],
  ] as [number, number][])
    for (const d of [
      [1, 1],
      [2, 1],
      [2, 3],
    ] as [number, number][])
      for (const [x, f] of [
        [
          [2, 9, 8, 3],
          [3, 3, 3, 4],
        ],
        [
          [3, 7, 10, 2],
          [2, 4, 2, 5],
        ],
        [
          [1, 6, 6, 1],
          [1, 1, 1, 3],
        ],
        [
          [2, 7, 6, 8],
          [3, 2, 8, 4],
        ], // many input channels: the convolution form of dW
      ] as [Case['x'], Case['f']][]) {
        const g = geometry(x, f, s, d, pad);
        if (g.oh > 0 && g.ow > 0) CASES.push({ x, f, s, d, pad });
      }

const explicit = (pad: Pad) =>
  typeof pad === 'string'
    ? pad
    : ([[0, 0], pad[0], pad[1], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]]);
const name = (c: Case) => `x=${c.x} f=${c.f} strides=${c.s} dilations=${c.d} pad=${JSON.stringify(c.pad)}`;

// Every case runs on the kernels this engine picks (relaxed SIMD on Node 22+), on the plain-SIMD build
// that browsers without relaxed SIMD get, and without dlkit's SIMD kernels (XNNPACK and JS loops).
describe.each(['auto', 'plain', 'none'] as const)('wasm convolution gradients (SIMD kernels: %s)', (variant) => {
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    SIMD_VARIANT.value = variant;
  });
  afterAll(() => {
    SIMD_VARIANT.value = 'auto';
  });

  it('covers a grid of shapes, strides, dilations and paddings', () => {
    expect(CASES.length).toBeGreaterThan(100);
  });

  it.each(CASES.map((c) => [name(c), c] as const))('Conv2DBackpropFilter matches the float64 reference: %s', (_, c) => {
    const g = geometry(c.x, c.f, c.s, c.d, c.pad);
    const xv = seeded(
      c.x.reduce((a, b) => a * b),
      1,
    );
    const dyv = seeded(g.n * g.oh * g.ow * g.co, 2);
    const before = tf.memory().numTensors;
    const got = tf.tidy(() => {
      const out = tf
        .engine()
        .runKernel('Conv2DBackpropFilter', { x: tf.tensor4d(xv, c.x), dy: tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]) }, {
          strides: c.s,
          pad: explicit(c.pad),
          dataFormat: 'NHWC',
          dimRoundingMode: undefined,
          filterShape: c.f,
          dilations: c.d,
        } as never) as tf.Tensor;
      expect(out.shape).toEqual(c.f);
      return out.dataSync().slice();
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(maxRelError(got, conv2dBackpropFilterRef(g, xv, dyv))).toBeLessThan(1e-5);
  });

  it.each(CASES.flatMap((c) => (['transposed-conv', 'col2im'] as const).map((form) => [`${form} ${name(c)}`, c, form] as const)))(
    'Conv2DBackpropInput matches the float64 reference: %s',
    (_, c, form) => {
      BACKPROP_INPUT_FORM.value = form;
      const g = geometry(c.x, c.f, c.s, c.d, c.pad);
      const wv = seeded(
        c.f.reduce((a, b) => a * b),
        3,
      );
      const dyv = seeded(g.n * g.oh * g.ow * g.co, 4);
      const before = tf.memory().numTensors;
      const got = tf.tidy(() => {
        const out = tf
          .engine()
          .runKernel('Conv2DBackpropInput', { dy: tf.tensor4d(dyv, [g.n, g.oh, g.ow, g.co]), filter: tf.tensor4d(wv, c.f) }, {
            strides: c.s,
            pad: explicit(c.pad),
            dataFormat: 'NHWC',
            dimRoundingMode: undefined,
            inputShape: c.x,
            dilations: c.d,
          } as never) as tf.Tensor;
        expect(out.shape).toEqual(c.x);
        return out.dataSync().slice();
      });
      expect(tf.memory().numTensors).toBe(before);
      BACKPROP_INPUT_FORM.value = 'auto';
      expect(maxRelError(got, conv2dBackpropInputRef(g, wv, dyv))).toBeLessThan(1e-5);
    },
  );

  it('the reference gradients agree with central finite differences of the reference convolution', () => {
    const c: Case = { x: [2, 5, 6, 2], f: [3, 2, 2, 3], s: [2, 1], d: [1, 2], pad: 'same' };
    const g = geometry(c.x, c.f, c.s, c.d, c.pad);
    const x = Float64Array.from(seeded(120, 5));
    const w = Float64Array.from(seeded(36, 6));
    const r = Float64Array.from(seeded(g.n * g.oh * g.ow * g.co, 7)); // loss = Σ r ⊙ conv(x, w)
    const loss = (xx: Float64Array, ww: Float64Array) => conv2dRef(g, xx, ww).reduce((s, v, i) => s + v * r[i], 0);
    const dW = conv2dBackpropFilterRef(g, x, r);
    const dX = conv2dBackpropInputRef(g, w, r);
    const h = 1e-6;
    for (let i = 0; i < w.length; i++) {
      const p = w.slice();
      p[i] += h;
      const m = w.slice();
      m[i] -= h;
      expect((loss(x, p) - loss(x, m)) / (2 * h)).toBeCloseTo(dW[i], 6);
    }
    for (let i = 0; i < x.length; i++) {
      const p = x.slice();
      p[i] += h;
      const m = x.slice();
      m[i] -= h;
      expect((loss(p, w) - loss(m, w)) / (2 * h)).toBeCloseTo(dX[i], 6);
    }
  });

  it('tf.grad of a convolution on wasm equals the cpu backend and finite differences', async () => {
    const xv = seeded(2 * 9 * 9 * 3, 8);
    const wv = seeded(3 * 3 * 3 * 4, 9);
    const grads = (s: number, pad: 'same' | 'valid') =>
      tf.tidy(() => {
        const x = tf.tensor4d(xv, [2, 9, 9, 3]);
        const w = tf.tensor4d(wv, [3, 3, 3, 4]);
        const f = (a: tf.Tensor4D, b: tf.Tensor4D) => tf.sum(tf.square(tf.conv2d(a, b, s, pad)));
        const [gx, gw] = tf.grads(f as never)([x, w]);
        return [gx.dataSync().slice(), gw.dataSync().slice()];
      });
    for (const [s, pad] of [
      [1, 'same'],
      [2, 'valid'],
      [2, 'same'],
    ] as const) {
      const onWasm = grads(s, pad);
      await tf.setBackend('cpu');
      const onCpu = grads(s, pad);
      await tf.setBackend('wasm');
      expect(maxRelError(onWasm[0], onCpu[0])).toBeLessThan(1e-5);
      expect(maxRelError(onWasm[1], onCpu[1])).toBeLessThan(1e-5);
    }
    // Finite differences of the float64 loss, on a few filter entries.
    const g = geometry([2, 9, 9, 3], [3, 3, 3, 4], [2, 2], [1, 1], 'same');
    const loss = (w: Float64Array) => conv2dRef(g, xv, w).reduce((s, v) => s + v * v, 0);
    const gw = grads(2, 'same')[1];
    const w0 = Float64Array.from(wv);
    for (const i of [0, 17, 55, 107]) {
      const p = w0.slice();
      p[i] += 1e-5;
      const m = w0.slice();
      m[i] -= 1e-5;
      expect(gw[i]).toBeCloseTo((loss(p) - loss(m)) / 2e-5, 3);
    }
  });
});
