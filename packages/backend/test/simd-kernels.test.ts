import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend, measureSimdPeak } from '../src/index';
import { addressOf, gemm, panelDepth, relaxedSimdSupported, SIMD_VARIANT, simdKernels } from '../src/wasm/simd/simd-kernels';
import type { WasmBackendLike } from '../src/wasm/wasm-backend-like';
import { maxRelError, seeded } from './helpers/reference';

/** C = A·B (+ C0) in float64, A(i, p) = a[i·ars + p·acs], B(p, j) = b[p·brs + j·bcs]. */
function gemmRef(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  ars: number,
  acs: number,
  b: Float32Array,
  brs: number,
  bcs: number,
  c0?: Float32Array,
): Float64Array {
  const c = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = c0 === undefined ? 0 : c0[i * n + j];
      for (let p = 0; p < k; p++) s += a[i * ars + p * acs] * b[p * brs + j * bcs];
      c[i * n + j] = s;
    }
  }
  return c;
}

// Edges of the 6 × 8 and 4 × 8 tiles (6-row blocks, then 1–5 rows left) and of the 256- and 768-deep
// panels, vectors and products of one row or column, and the MLP benchmark's first layer.
const SHAPES: [number, number, number][] = [
  [1, 1, 1],
  [6, 8, 16],
  [7, 10, 5],
  [11, 8, 9],
  [12, 17, 64],
  [23, 8, 770],
  [64, 256, 784],
  [4, 8, 16],
  [5, 9, 3],
  [3, 7, 257],
  [13, 24, 256],
  [17, 33, 300],
  [64, 10, 128],
  [2, 64, 513],
  [25, 32, 600],
  [8, 1, 40],
];
const LAYOUTS = [
  { name: 'A·B', aT: false, bT: false },
  { name: 'Aᵀ·B', aT: true, bT: false },
  { name: 'A·Bᵀ', aT: false, bT: true },
  { name: 'Aᵀ·Bᵀ', aT: true, bT: true },
] as const;

describe.each(['auto', 'plain'] as const)('dlkit SIMD GEMM (%s)', (variant) => {
  let backend: WasmBackendLike;
  beforeAll(async () => {
    await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
    backend = tf.backend() as unknown as WasmBackendLike;
    SIMD_VARIANT.value = variant;
  });
  afterAll(() => {
    SIMD_VARIANT.value = 'auto';
  });

  it("runs in place on the wasm backend's memory, in the variant asked for", () => {
    const kernels = simdKernels(backend);
    expect(kernels).not.toBeNull();
    expect(kernels?.variant).toBe(variant === 'auto' ? (relaxedSimdSupported() ? 'relaxed' : 'plain') : 'plain');
  });

  it.each(
    SHAPES.flatMap(([m, n, k]) =>
      LAYOUTS.flatMap((l) =>
        [false, true].map((acc) => [`${m}×${k} · ${k}×${n} ${l.name}${acc ? ' += ' : ''}`, m, n, k, l, acc] as const),
      ),
    ),
  )('matches the float64 product: %s', (_, m, n, k, layout, accumulate) => {
    const av = seeded(m * k, m + 3 * k);
    const bv = seeded(k * n, n + 5 * k);
    const c0 = seeded(m * n, 11);
    const [ars, acs] = layout.aT ? [1, m] : [k, 1];
    const [brs, bcs] = layout.bT ? [1, k] : [n, 1];
    const before = tf.memory().numTensors;
    const a = tf.tensor1d(av);
    const b = tf.tensor1d(bv);
    const c = tf.tensor1d(c0);
    const kernels = simdKernels(backend);
    if (kernels === null) throw new Error('no SIMD kernels');
    gemm(
      kernels,
      m,
      n,
      k,
      { address: addressOf(backend, a), rowStride: ars, colStride: acs },
      { address: addressOf(backend, b), rowStride: brs, colStride: bcs },
      addressOf(backend, c),
      n,
      accumulate,
    );
    const got = c.dataSync();
    tf.dispose([a, b, c]);
    expect(tf.memory().numTensors).toBe(before);
    expect(maxRelError(got, gemmRef(m, n, k, av, ars, acs, bv, brs, bcs, accumulate ? c0 : undefined))).toBeLessThan(
      2e-6 * Math.sqrt(k + 1),
    );
  });

  it('gives C = 0 for an empty inner dimension, and leaves C alone when accumulating', () => {
    const kernels = simdKernels(backend);
    if (kernels === null) throw new Error('no SIMD kernels');
    const c = tf.tensor1d(seeded(6, 2));
    const kept = c.dataSync().slice();
    gemm(
      kernels,
      2,
      3,
      0,
      { address: 0, rowStride: 0, colStride: 1 },
      { address: 0, rowStride: 3, colStride: 1 },
      addressOf(backend, c),
      3,
      true,
    );
    expect(Array.from(c.dataSync())).toEqual(Array.from(kept));
    gemm(
      kernels,
      2,
      3,
      0,
      { address: 0, rowStride: 0, colStride: 1 },
      { address: 0, rowStride: 3, colStride: 1 },
      addressOf(backend, c),
      3,
      false,
    );
    expect(Array.from(c.dataSync())).toEqual([0, 0, 0, 0, 0, 0]);
    c.dispose();
  });

  it('is bit-reproducible: the same product twice gives the same bits', () => {
    const kernels = simdKernels(backend);
    if (kernels === null) throw new Error('no SIMD kernels');
    const a = tf.tensor1d(seeded(37 * 301, 1));
    const b = tf.tensor1d(seeded(301 * 19, 2));
    const run = () => {
      const c = tf.zeros([37 * 19]);
      gemm(
        kernels,
        37,
        19,
        301,
        { address: addressOf(backend, a), rowStride: 301, colStride: 1 },
        { address: addressOf(backend, b), rowStride: 19, colStride: 1 },
        addressOf(backend, c),
        19,
        false,
      );
      const out = c.dataSync().slice();
      c.dispose();
      return out;
    };
    expect(Array.from(run())).toEqual(Array.from(run()));
    tf.dispose([a, b]);
  });
});

describe('panel depth of the GEMM', () => {
  it('keeps the largest depth unless the last panel would be a shallow leftover', () => {
    expect(panelDepth(150, 768)).toBe(768);
    expect(panelDepth(1536, 768)).toBe(768);
    expect(panelDepth(1600, 768)).toBe(768); // 768 + 768 + 64: a 64-deep tail is worth its pass
  });

  it('splits a depth with a shallow tail into equal panels, a multiple of 4 deep', () => {
    expect(panelDepth(784, 768)).toBe(392); // the MLP's first layer: 2 × 392 instead of 768 + 16
    expect(panelDepth(770, 768)).toBe(388);
    expect(panelDepth(513, 256)).toBe(172);
    for (const [k, max] of [
      [784, 768],
      [770, 768],
      [257, 256],
      [513, 256],
      [16400, 256],
    ] as const) {
      const depth = panelDepth(k, max);
      expect(depth).toBeLessThanOrEqual(max);
      expect(depth % 4).toBe(0);
      expect(Math.ceil(k / depth)).toBe(Math.ceil(k / max));
    }
  });
});

describe("relaxed SIMD detection and the engine's peak", () => {
  it('finds relaxed SIMD on Node 22 and later (V8 ≥ 11.4)', () => {
    const major = Number(process.versions.node.split('.')[0]);
    if (major >= 22) expect(relaxedSimdSupported()).toBe(true);
    else expect(typeof relaxedSimdSupported()).toBe('boolean');
  });

  it('measures a positive multiply-add peak for both builds', () => {
    const plain = measureSimdPeak({ variant: 'plain', ms: 30 });
    expect(plain.variant).toBe('plain');
    expect(plain.gmacPerSecond).toBeGreaterThan(0);
    if (relaxedSimdSupported()) expect(measureSimdPeak({ variant: 'relaxed', ms: 30 }).gmacPerSecond).toBeGreaterThan(0);
  });

  it('the committed kernels-wasm.generated.ts is kernels.wat assembled (no stale binary)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'assemble-wasm.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
