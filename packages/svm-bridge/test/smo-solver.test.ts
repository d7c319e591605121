import { describe, expect, it } from 'vitest';
import { solveSmo, type SmoProblem } from '../src/smo-solver';
import { digits, pick } from './helpers';

/** RBF binary problem on digits 3 vs 8 with an explicit kernel matrix. */
function problem(n: number, gamma: number): { prob: SmoProblem; K: Float64Array } {
  const rows: number[] = [];
  for (let r = 0; rows.length < n; r++) if (digits.y[r] === 3 || digits.y[r] === 8) rows.push(r);
  const X = pick(rows);
  const y = Int8Array.from(rows, (r) => (digits.y[r] === 3 ? 1 : -1));
  const K = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let f = 0; f < X.cols; f++) s += (X.data[i * X.cols + f] - X.data[j * X.cols + f]) ** 2;
      K[i * n + j] = Math.exp(-gamma * s);
    }
  }
  const QD = Float64Array.from({ length: n }, (_, i) => K[i * n + i]);
  const column = (i: number, out: Float32Array, off: number) => {
    for (let j = 0; j < n; j++) out[off + j] = y[i] * y[j] * K[i * n + j];
  };
  return { prob: { l: n, y, QD, column }, K };
}

describe('solveSmo', () => {
  const n = 120;
  const { prob, K } = problem(n, 0.05);
  const C = 1;

  for (const shrinking of [true, false]) {
    it(`satisfies the KKT conditions within eps (shrinking: ${shrinking})`, () => {
      const eps = 1e-4;
      const sol = solveSmo(prob, { Cp: C, Cn: C, eps, shrinking, cacheBytes: 4 * n * 8 }); // 8-column cache forces evictions
      let free = 0;
      let sumYA = 0;
      for (let i = 0; i < n; i++) {
        const a = sol.alpha[i];
        expect(a).toBeGreaterThanOrEqual(0);
        expect(a).toBeLessThanOrEqual(C);
        sumYA += prob.y[i] * a;
        let f = -sol.rho;
        for (let j = 0; j < n; j++) f += sol.alpha[j] * prob.y[j] * K[i * n + j];
        const margin = prob.y[i] * f;
        // eps bounds the maximal violation m(α) − M(α); float32 columns add ~1e-6.
        if (a === 0) expect(margin).toBeGreaterThan(1 - 2 * eps);
        else if (a === C) expect(margin).toBeLessThan(1 + 2 * eps);
        else {
          free++;
          expect(Math.abs(margin - 1)).toBeLessThan(2 * eps);
        }
      }
      expect(Math.abs(sumYA)).toBeLessThan(1e-10);
      expect(free).toBeGreaterThan(0);
      expect(sol.obj).toBeLessThan(0);
    });
  }

  it('reaches the same optimum with and without shrinking, and with a larger cache', () => {
    const a = solveSmo(prob, { Cp: C, Cn: C, eps: 1e-6, shrinking: true, cacheBytes: 4 * n * 2 });
    const b = solveSmo(prob, { Cp: C, Cn: C, eps: 1e-6, shrinking: false, cacheBytes: 4 * n * n });
    expect(a.obj).toBeCloseTo(b.obj, 6);
    expect(a.rho).toBeCloseTo(b.rho, 4);
    a.alpha.forEach((v, i) => expect(v).toBeCloseTo(b.alpha[i], 3));
    expect(b.columnsComputed).toBeLessThanOrEqual(n);
  });
});
