import { describe, expect, it } from 'vitest';
import { conditionalProbabilities, symmetrize } from '../src/affinities';
import { exactKnn } from '../src/knn';
import { fixture, matrix } from './helpers';

describe('affinities', () => {
  const X = matrix(fixture.X, fixture.n, fixture.d);
  const k = Math.min(fixture.n - 1, Math.floor(3 * fixture.perplexity + 1));
  const graph = exactKnn(X, k);
  const cond = conditionalProbabilities(graph, fixture.perplexity);

  it('gives every row the requested perplexity', () => {
    for (let i = 0; i < fixture.n; i++) {
      let h = 0;
      let s = 0;
      for (let t = 0; t < k; t++) {
        const p = cond[i * k + t];
        s += p;
        if (p > 0) h -= p * Math.log(p);
      }
      expect(s).toBeCloseTo(1, 10);
      expect(Math.exp(h)).toBeCloseTo(fixture.perplexity, 3);
    }
  });

  it('symmetrised P equals scikit-learn _joint_probabilities_nn', () => {
    const P = symmetrize(graph, cond);
    expect(Array.from(P.rowPtr)).toEqual(fixture.P.indptr);
    expect(Array.from(P.colIdx)).toEqual(fixture.P.indices);
    for (let e = 0; e < P.values.length; e++) expect(P.values[e]).toBeCloseTo(fixture.P.data[e], 7);
    let total = 0;
    for (const v of P.values) total += v;
    expect(total).toBeCloseTo(1, 12);
  });
});
