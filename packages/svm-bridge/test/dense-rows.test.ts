import { afterEach, describe, expect, it } from 'vitest';
import { denseRows } from '../src/dense-rows';

describe('denseRows', () => {
  afterEach(() => {
    delete process.env.DLKIT_NO_SIMD;
  });

  const X32 = { data: new Float32Array(5 * 11).map((_, i) => Math.sin(i)), rows: 5, cols: 11 };
  const X64 = { data: new Float64Array(5 * 11).map((_, i) => Math.cos(i) * 2), rows: 5, cols: 11 };

  /** Run the same updates and return the weights and the dots of every row with both machines. */
  const run = (X: typeof X32 | typeof X64) => {
    const r = denseRows(X, 2);
    r.axpy(0.5, 1, 0);
    r.axpy(-1.5, 3, 1);
    r.axpy(2, 4, 0);
    const dots: number[] = [];
    r.list[0] = 1;
    r.list[1] = 0;
    for (let i = 0; i < 5; i++) {
      r.dots(i, 2);
      dots.push(r.out[0], r.out[1]);
    }
    return { simd: r.simd, w: [...r.weights(0), ...r.weights(1)], dots };
  };

  for (const [name, X] of [
    ['float32', X32],
    ['float64', X64],
  ] as const) {
    it(`${name} rows: wasm SIMD and the TypeScript fallback agree with the definition`, () => {
      const fast = run(X);
      process.env.DLKIT_NO_SIMD = '1';
      const slow = run(X);
      expect(fast.simd).toBe(true);
      expect(slow.simd).toBe(false);
      const d = X.cols;
      const w0 = Array.from({ length: d }, (_, f) => 0.5 * X.data[d + f] + 2 * X.data[4 * d + f]);
      const w1 = Array.from({ length: d }, (_, f) => -1.5 * X.data[3 * d + f]);
      [...w0, ...w1].forEach((v, i) => {
        expect(fast.w[i]).toBeCloseTo(v, 12);
        expect(slow.w[i]).toBeCloseTo(v, 12);
      });
      for (let i = 0; i < 5; i++) {
        const row = Array.from(X.data.subarray(i * d, (i + 1) * d));
        const d1 = row.reduce((s, v, f) => s + v * w1[f], 0);
        const d0 = row.reduce((s, v, f) => s + v * w0[f], 0);
        expect(fast.dots[2 * i]).toBeCloseTo(d1, 10);
        expect(fast.dots[2 * i + 1]).toBeCloseTo(d0, 10);
        expect(slow.dots[2 * i]).toBeCloseTo(d1, 10);
      }
    });
  }
});
