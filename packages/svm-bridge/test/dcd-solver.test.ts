import { describe, expect, it } from 'vitest';
import { solveDcd, type DcdProblem } from '../src/dcd-solver';
import { denseRows } from '../src/dense-rows';
import { digits, digitsRows } from './helpers';

const X = digitsRows(0, 600);
const y = digits.y.slice(0, 600);
const norms = new Float64Array(X.rows);
for (let i = 0; i < X.rows; i++) {
  let s = 1; // bias² (constant feature 1)
  for (let f = 0; f < X.cols; f++) s += X.data[i * X.cols + f] ** 2;
  norms[i] = s;
}

/** One-vs-rest problem for the given classes, solved side by side; returns weights (+ bias) and passes. */
function solve(classes: number[], opts: Partial<DcdProblem> = {}) {
  const M = classes.length;
  const sign = new Int8Array(X.rows * M);
  for (let i = 0; i < X.rows; i++) classes.forEach((c, m) => (sign[i * M + m] = y[i] === c ? 1 : -1));
  const rows = denseRows(X, M);
  const sol = solveDcd({
    rows,
    l: X.rows,
    machines: M,
    sign,
    norms,
    bias: 1,
    cp: new Float64Array(M).fill(0.5),
    cn: new Float64Array(M).fill(0.5),
    squaredHinge: true,
    tol: 1e-6,
    maxIter: 5000,
    seed: 3,
    ...opts,
  });
  return { w: classes.map((_, m) => [...rows.weights(m), sol.wBias[m]]), passes: Array.from(sol.passes) };
}

describe('solveDcd (one-vs-rest machines side by side)', () => {
  it('each machine reaches the optimum of its own binary problem solved alone', () => {
    const together = solve([0, 3, 8]);
    [0, 3, 8].forEach((c, m) => {
      const alone = solve([c]).w[0];
      const diff = Math.max(...alone.map((v, f) => Math.abs(v - together.w[m][f])));
      expect(diff).toBeLessThan(1e-3);
      expect(together.passes[m]).toBeLessThan(5000); // converged, not capped
    });
  });

  it('is deterministic for a seed, and the seed only changes the visiting order', () => {
    const a = solve([1, 2]);
    const b = solve([1, 2]);
    expect(b.w).toEqual(a.w);
    expect(b.passes).toEqual(a.passes);
    const c = solve([1, 2], { seed: 99 });
    expect(c.w).not.toEqual(a.w);
    expect(Math.max(...c.w[0].map((v, f) => Math.abs(v - a.w[0][f])))).toBeLessThan(1e-3);
  });

  it('stops every machine at maxIter passes', () => {
    expect(solve([0, 1, 2], { maxIter: 3 }).passes).toEqual([3, 3, 3]);
  });

  it('hinge loss keeps 0 ≤ α ≤ C: the weights equal Σ α_i y_i x_i for some bounded α', () => {
    const { w, passes } = solve([4], { squaredHinge: false, cp: Float64Array.of(0.01), cn: Float64Array.of(0.01) });
    // |w_bias| = |Σ α_i y_i| ≤ C · l, and the problem converges.
    expect(Math.abs(w[0][X.cols])).toBeLessThanOrEqual(0.01 * X.rows);
    expect(passes[0]).toBeLessThan(5000);
  });
});
