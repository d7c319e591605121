import { describe, expect, it } from 'vitest';
import type { SparseMatrix } from '../src/affinities';
import { createBHEngine } from '../src/bh-engine';
import { defaultThreads } from '../src/worker-pool';
import { fixture } from './helpers';

const n = fixture.n;
const P: SparseMatrix = {
  n,
  rowPtr: Int32Array.from(fixture.P.indptr),
  colIdx: Int32Array.from(fixture.P.indices),
  values: Float64Array.from(fixture.P.data),
};

describe('createBHEngine', () => {
  it('gives the same gradient and KL on 1 and 3 threads', () => {
    const Y = Float64Array.from(fixture.gradient.params);
    const one = createBHEngine(P, Y, 0.5, 1);
    const three = createBHEngine(P, Y, 0.5, 3);
    try {
      expect(one.threads).toBe(1);
      expect(three.threads).toBe(3);
      const g1 = new Float64Array(2 * n);
      const g3 = new Float64Array(2 * n);
      for (let rep = 0; rep < 3; rep++) {
        const k1 = one.gradient(g1, true);
        const k3 = three.gradient(g3, true);
        expect(k3).toBeCloseTo(k1, 10);
        for (let e = 0; e < 2 * n; e++) expect(g3[e]).toBeCloseTo(g1[e], 10);
      }
      // Exaggeration scales the attractive part only.
      one.scaleP(2);
      three.scaleP(2);
      one.gradient(g1, false);
      three.gradient(g3, false);
      for (let e = 0; e < 2 * n; e++) expect(g3[e]).toBeCloseTo(g1[e], 10);
      // The engine optimises its own copy of Y.
      expect(three.Y).not.toBe(Y);
      expect(Array.from(three.Y)).toEqual(Array.from(Y));
    } finally {
      one.dispose();
      three.dispose();
      three.dispose();
    }
  });
  it('defaults to between 1 and 4 threads', () => {
    expect(defaultThreads()).toBeGreaterThanOrEqual(1);
    expect(defaultThreads()).toBeLessThanOrEqual(4);
  });
});
