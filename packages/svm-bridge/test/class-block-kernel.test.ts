import { describe, expect, it } from 'vitest';
import { ClassBlockKernel } from '../src/class-block-kernel.js';

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
});
