import { describe, expect, it } from 'vitest';
import { ClassBlockKernel } from '../src/class-block-kernel';

describe('ClassBlockKernel', () => {
  // 6 rows in 2 classes (3 + 3), 3 features.
  const x = Float64Array.from({ length: 18 }, (_, i) => Math.sin(i * 1.7));
  const start = Int32Array.of(0, 3);
  const count = Int32Array.of(3, 3);
  const direct = (a: number, b: number, kind: string) => {
    let dot = 0;
    let sq = 0;
    for (let f = 0; f < 3; f++) {
      dot += x[a * 3 + f] * x[b * 3 + f];
      sq += (x[a * 3 + f] - x[b * 3 + f]) ** 2;
    }
    if (kind === 'rbf') return Math.exp(-0.7 * sq);
    if (kind === 'poly') return (0.7 * dot + 1) ** 3;
    if (kind === 'sigmoid') return Math.tanh(0.7 * dot + 1);
    return dot;
  };

  for (const kernel of ['linear', 'rbf', 'poly', 'sigmoid'] as const) {
    it(`${kernel}: blocks equal the kernel, through cache hits, symmetric reuse and evictions`, () => {
      for (const bytes of [1 << 20, 4 * 3 * 2]) {
        const k = new ClassBlockKernel(x, 3, start, count, { kernel, gamma: 0.7, coef0: 1, degree: 3 }, bytes);
        for (let rep = 0; rep < 2; rep++) {
          for (let a = 0; a < 6; a++) {
            for (let c = 0; c < 2; c++) {
              const off = k.block(a, c);
              for (let j = 0; j < 3; j++) expect(k.slab[off + j]).toBeCloseTo(direct(a, start[c] + j, kernel), 5);
            }
            expect(k.diag[a]).toBeCloseTo(direct(a, a, kernel), 10);
          }
        }
        // A large cache computes each pair at most once (symmetry halves the off-diagonal work).
        if (bytes > 1000) expect(k.evaluations).toBeLessThanOrEqual(21);
      }
    });
  }

  it('float32-exact rows (stored as float32 in wasm), float64 rows and the TypeScript fallback give the same blocks', () => {
    const n = 40;
    const d = 19;
    const x32 = Float64Array.from({ length: n * d }, (_, i) => Math.fround(Math.cos(i * 0.3)));
    const st = Int32Array.of(0, 15);
    const ct = Int32Array.of(15, 25);
    const params = { kernel: 'rbf' as const, gamma: 0.1, coef0: 0, degree: 3 };
    const blocks = () => {
      const k = new ClassBlockKernel(x32, d, st, ct, params, 1 << 20);
      const out: number[] = [];
      for (let a = 0; a < n; a++) for (let c = 0; c < 2; c++) out.push(...k.slab.subarray(k.block(a, c), k.block(a, c) + ct[c]));
      return out;
    };
    const simd = blocks();
    process.env.DLKIT_NO_SIMD = '1';
    try {
      const scalar = blocks();
      simd.forEach((v, i) => expect(v).toBeCloseTo(scalar[i], 6));
    } finally {
      delete process.env.DLKIT_NO_SIMD;
    }
    // The definition, for a few entries.
    for (const [a, b] of [
      [0, 0],
      [3, 17],
      [39, 2],
    ]) {
      let sq = 0;
      for (let f = 0; f < d; f++) sq += (x32[a * d + f] - x32[b * d + f]) ** 2;
      const c = b < 15 ? 0 : 1;
      expect(simd[a * 40 + (c === 0 ? 0 : 15) + (b - st[c])]).toBeCloseTo(Math.exp(-0.1 * sq), 6);
    }
  });
});
