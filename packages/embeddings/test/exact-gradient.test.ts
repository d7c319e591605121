import { describe, expect, it } from 'vitest';
import { exactGradient } from '../src/exact-gradient';
import { fixture } from './helpers';

describe('exactGradient', () => {
  it('equals scikit-learn _kl_divergence (value and gradient)', () => {
    const n = fixture.n;
    const P = new Float64Array(n * n);
    const { indptr, indices, data } = fixture.P;
    for (let i = 0; i < n; i++) for (let e = indptr[i]; e < indptr[i + 1]; e++) P[i * n + indices[e]] = data[e];
    const Y = Float64Array.from(fixture.gradient.params);
    const grad = new Float64Array(2 * n);
    const kl = exactGradient(Y, n, 2, P, grad, new Float64Array(n * n), true);
    expect(kl).toBeCloseTo(fixture.gradient.kl_exact, 6);
    for (let e = 0; e < 2 * n; e++) expect(grad[e]).toBeCloseTo(fixture.gradient.grad_exact[e], 7);
  });
  it('matches a finite-difference derivative of its KL', () => {
    const n = 6;
    const P = new Float64Array(n * n);
    let s = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) if (i !== j) s += P[i * n + j] = 1 + ((i * 7 + j * 3) % 5) + ((j * 7 + i * 3) % 5);
    for (let e = 0; e < n * n; e++) P[e] /= s;
    const Y = Float64Array.from({ length: 2 * n }, (_, e) => Math.cos(e * 1.7) * 2);
    const grad = new Float64Array(2 * n);
    const num = new Float64Array(n * n);
    exactGradient(Y, n, 2, P, grad, num, true);
    const h = 1e-6;
    for (let e = 0; e < 2 * n; e++) {
      const Yp = Y.slice();
      Yp[e] += h;
      const Ym = Y.slice();
      Ym[e] -= h;
      const g = new Float64Array(2 * n);
      const fd = (exactGradient(Yp, n, 2, P, g, num, true) - exactGradient(Ym, n, 2, P, g, num, true)) / (2 * h);
      expect(grad[e]).toBeCloseTo(fd, 6);
    }
  });
});
