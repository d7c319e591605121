import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createSimdKernels, isFloat32Exact } from '../src/simd-kernels';

const ref = (a: ArrayLike<number>, b: ArrayLike<number>, n: number, ao = 0, bo = 0) => {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[ao + i] * b[bo + i];
  return s;
};

const fill = <T extends Float32Array | Float64Array>(v: T, f: (i: number) => number): T => {
  for (let i = 0; i < v.length; i++) v[i] = f(i);
  return v;
};

describe('WebAssembly SIMD kernels', () => {
  afterEach(() => {
    delete process.env.DLKIT_NO_SIMD;
  });

  it('is available on Node ≥ 20 and every function matches a scalar loop, tails included', () => {
    const k = createSimdKernels(1 << 16);
    expect(k).not.toBeNull();
    if (!k) return;
    const buf = k.memory.buffer;
    for (const n of [1, 3, 4, 7, 8, 9, 16, 31, 576]) {
      // Views on the wasm memory, filled in place.
      const x32 = fill(new Float32Array(buf, 0, 3 * n), (i) => Math.sin(i * 0.37 + 0.1));
      const w = fill(new Float64Array(buf, 8192, 3 * n), (i) => Math.cos(i * 0.11));
      const x64 = fill(new Float64Array(buf, 40960, 3 * n), (i) => Math.sin(i * 0.5) * 3);
      expect(Math.abs(ref(x32, w, n))).toBeGreaterThan(0);
      expect(k.dotF32F64(0, 8192, n)).toBeCloseTo(ref(x32, w, n), 12);
      expect(k.dotF64(40960, 8192, n)).toBeCloseTo(ref(x64, w, n), 12);
      // dotsF64: three float64 rows of n against w; dotsF32F64: three float32 rows against w.
      const out = new Float64Array(buf, 60000, 3);
      k.dotsF64(8192, 40960, 3, n, 60000);
      for (let r = 0; r < 3; r++) expect(out[r]).toBeCloseTo(ref(x64, w, n, r * n), 12);
      k.dotsF32F64(8192, 0, 3, n, 60000);
      for (let r = 0; r < 3; r++) expect(out[r]).toBeCloseTo(ref(x32, w, n, r * n), 12);
      // dotsList: row x against w_0 = w[n…2n) and w_1 = w[0…n), given as byte offsets.
      const list = new Int32Array(buf, 60032, 2);
      list.set([8192 + 8 * n, 8192]);
      k.dotsListF32F64(0, 60032, 2, n, 60000);
      expect(out[0]).toBeCloseTo(ref(x32, w, n, 0, n), 12);
      expect(out[1]).toBeCloseTo(ref(x32, w, n), 12);
      k.dotsListF64(40960, 60032, 2, n, 60000);
      expect(out[0]).toBeCloseTo(ref(x64, w, n, 0, n), 12);
      // axpy, float32 and float64 rows: exact (one multiply-add per element, as the scalar loop).
      const before = Float64Array.from(w.subarray(0, n));
      k.axpyF32F64(0.25, 0, 8192, n);
      for (let i = 0; i < n; i++) expect(w[i]).toBe(before[i] + 0.25 * x32[i]);
      k.axpyF64(-2, 40960, 8192, n);
      for (let i = 0; i < n; i++) expect(w[i]).toBe(before[i] + 0.25 * x32[i] + -2 * x64[i]);
    }
  });

  it('DLKIT_NO_SIMD=1 forces the TypeScript fallback; absurd sizes fall back too', () => {
    process.env.DLKIT_NO_SIMD = '1';
    expect(createSimdKernels(1024)).toBeNull();
    delete process.env.DLKIT_NO_SIMD;
    expect(createSimdKernels(2 ** 40)).toBeNull();
  });

  it('isFloat32Exact tells float32-representable data apart', () => {
    expect(isFloat32Exact(Float64Array.of(0, 1.5, -3, 1 / 16, Math.fround(0.1)))).toBe(true);
    expect(isFloat32Exact(Float64Array.of(0.1))).toBe(false);
  });

  it('the committed simd-kernels-wasm.generated.ts is simd-kernels.wat assembled (no stale binary)', () => {
    expect(() =>
      execFileSync(process.execPath, [join(__dirname, '..', 'scripts', 'assemble-wasm.mjs'), '--check'], { stdio: 'pipe' }),
    ).not.toThrow();
  });
});
