import { describe, expect, it } from 'vitest';
import type { SparseMatrix } from '../src/affinities';
import { barnesHutGradient, createBHWorkspace } from '../src/barnes-hut';
import { exactGradient } from '../src/exact-gradient';
import { fixture } from './helpers';

const n = fixture.n;
const P: SparseMatrix = {
  n,
  rowPtr: Int32Array.from(fixture.P.indptr),
  colIdx: Int32Array.from(fixture.P.indices),
  values: Float64Array.from(fixture.P.data),
};
const Y = Float64Array.from(fixture.gradient.params);

function exact(): { grad: Float64Array; kl: number } {
  const dense = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let e = P.rowPtr[i]; e < P.rowPtr[i + 1]; e++) dense[i * n + P.colIdx[e]] = P.values[e];
  const grad = new Float64Array(2 * n);
  const kl = exactGradient(Y, n, 2, dense, grad, new Float64Array(n * n), true);
  return { grad, kl };
}

describe('barnesHutGradient', () => {
  it('with θ = 0 equals the exact gradient', () => {
    const grad = new Float64Array(2 * n);
    const kl = barnesHutGradient(Y, P, 0, grad, createBHWorkspace(n), true);
    const ref = exact();
    expect(kl).toBeCloseTo(ref.kl, 8);
    for (let e = 0; e < 2 * n; e++) expect(grad[e]).toBeCloseTo(ref.grad[e], 10);
  });
  it('with θ = 0.5 stays within 2 % (relative norm) of the exact gradient and matches scikit-learn', () => {
    const grad = new Float64Array(2 * n);
    const kl = barnesHutGradient(Y, P, 0.5, grad, createBHWorkspace(n), true);
    const ref = exact();
    let diff = 0;
    let norm = 0;
    let diffSk = 0;
    for (let e = 0; e < 2 * n; e++) {
      diff += (grad[e] - ref.grad[e]) ** 2;
      diffSk += (grad[e] - fixture.gradient.grad_bh[e]) ** 2;
      norm += ref.grad[e] ** 2;
    }
    expect(Math.sqrt(diff / norm)).toBeLessThan(0.02);
    // scikit-learn's tree differs in detail (float32, splitting), so agreement is approximate too.
    expect(Math.sqrt(diffSk / norm)).toBeLessThan(0.02);
    expect(kl).toBeCloseTo(fixture.gradient.kl_bh, 2);
  });
  it('with θ = 0 equals the exact gradient for float64 positions too (own leaf found at distance 0)', () => {
    // Regression: leaf centres recomputed from rounded sums missed the point itself, adding q = 1 to Z.
    const Yd = Y.map((v, e) => v * 3.7 + Math.sin(e) * 1e-3);
    const dense = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let e = P.rowPtr[i]; e < P.rowPtr[i + 1]; e++) dense[i * n + P.colIdx[e]] = P.values[e];
    const ref = new Float64Array(2 * n);
    const klRef = exactGradient(Yd, n, 2, dense, ref, new Float64Array(n * n), true);
    const grad = new Float64Array(2 * n);
    const kl = barnesHutGradient(Yd, P, 0, grad, createBHWorkspace(n), true);
    expect(kl).toBeCloseTo(klRef, 10);
    for (let e = 0; e < 2 * n; e++) expect(grad[e]).toBeCloseTo(ref[e], 10);
  });
  it('handles duplicate positions without NaN', () => {
    const Yd = Y.slice();
    Yd[2] = Yd[0];
    Yd[3] = Yd[1];
    const grad = new Float64Array(2 * n);
    barnesHutGradient(Yd, P, 0.5, grad, createBHWorkspace(n), true);
    expect(grad.every(Number.isFinite)).toBe(true);
  });
});
