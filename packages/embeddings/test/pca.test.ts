import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../src/errors';
import { PCA } from '../src/pca';
import { fixture, matrix } from './helpers';

const X = matrix(fixture.X, fixture.n, fixture.d);
const ref = fixture.pca;

function expectMatchesSklearn(pca: PCA, tol: number): void {
  const comps = pca.components;
  expect(comps.rows).toBe(4);
  expect(comps.cols).toBe(fixture.d);
  for (let k = 0; k < 4; k++) {
    // Sign conventions differ (sklearn flips by U); compare up to sign.
    let dot = 0;
    for (let c = 0; c < fixture.d; c++) dot += comps.data[k * fixture.d + c] * ref.components[k * fixture.d + c];
    expect(Math.abs(dot)).toBeGreaterThan(1 - tol);
    expect(pca.explainedVariance[k]).toBeCloseTo(ref.explained_variance[k], 3);
    expect(pca.explainedVarianceRatio[k]).toBeCloseTo(ref.explained_variance_ratio[k], 5);
  }
  for (let c = 0; c < fixture.d; c++) expect(pca.mean[c]).toBeCloseTo(ref.mean[c], 5);
}

describe('PCA', () => {
  it('exact matches scikit-learn PCA(svd_solver="full")', () => {
    const pca = new PCA({ nComponents: 4, method: 'exact' }).fit(X);
    expect(pca.methodUsed).toBe('exact');
    expectMatchesSklearn(pca, 1e-6);
  });
  it('randomized matches scikit-learn closely', () => {
    const pca = new PCA({ nComponents: 4, method: 'randomized', seed: 3 }).fit(X);
    expect(pca.methodUsed).toBe('randomized');
    expectMatchesSklearn(pca, 1e-4);
  });
  it('uses the Gram matrix when there are fewer rows than columns, with the same result', () => {
    const small = matrix(fixture.X.slice(0, 6 * fixture.d), 6, fixture.d);
    const viaGram = new PCA({ nComponents: 3, method: 'exact' }).fit(small);
    const viaRandom = new PCA({ nComponents: 3, method: 'randomized', nIter: 8 }).fit(small);
    for (let k = 0; k < 3; k++) expect(viaGram.explainedVariance[k]).toBeCloseTo(viaRandom.explainedVariance[k], 6);
    // Projection of the fitting rows reconstructs their centred norms in 5 components (rank ≤ 5).
    const full = new PCA({ nComponents: 5, method: 'exact' }).fit(small);
    const Z = full.transform(small);
    const mean = full.mean;
    for (let r = 0; r < 6; r++) {
      let a = 0;
      let b = 0;
      for (let c = 0; c < fixture.d; c++) a += (small.data[r * fixture.d + c] - mean[c]) ** 2;
      for (let k = 0; k < 5; k++) b += Z.data[r * 5 + k] ** 2;
      expect(b).toBeCloseTo(a, 3);
    }
  });
  it('is fitted once and transforms new rows with the learned mean and components', () => {
    const pca = new PCA({ nComponents: 2 }).fit(X);
    const first = pca.transform(matrix(fixture.X.slice(0, fixture.d), 1, fixture.d));
    const all = pca.transform(X);
    expect(all.rows).toBe(fixture.n);
    expect(all.cols).toBe(2);
    expect(first.data[0]).toBeCloseTo(all.data[0], 5);
    expect(first.data[1]).toBeCloseTo(all.data[1], 5);
    // Projections have zero mean on the fitting data and variance = explained variance.
    let m = 0;
    let v = 0;
    for (let r = 0; r < fixture.n; r++) m += all.data[r * 2];
    m /= fixture.n;
    for (let r = 0; r < fixture.n; r++) v += (all.data[r * 2] - m) ** 2;
    expect(m).toBeCloseTo(0, 4);
    expect(v / (fixture.n - 1)).toBeCloseTo(pca.explainedVariance[0], 3);
  });
  it('clips nComponents to min(rows, cols) and refuses bad input with typed errors', () => {
    expect(new PCA({ nComponents: 50 }).fit(X).components.rows).toBe(fixture.d);
    expect(() => new PCA().transform(X)).toThrow(EmbeddingError);
    expect(() => new PCA({ nComponents: 0 })).toThrow(/nComponents/);
    expect(() => new PCA().fit(matrix([1, 2], 1, 2))).toThrow(/at least 2 rows/);
    expect(() => new PCA().fit(matrix([1, NaN, 3, 4], 2, 2))).toThrow(/NaN/);
    const pca = new PCA({ nComponents: 2 }).fit(X);
    expect(() => pca.transform(matrix([1, 2], 1, 2))).toThrow(/X.cols/);
  });

  it('transform refuses NaN and infinite rows exactly as fit does', () => {
    const pca = new PCA({ nComponents: 2 }).fit(matrix([1, 2, 3, 4, 5, 7], 3, 2));
    const fitError = (() => {
      try {
        new PCA().fit(matrix([1, 2, Number.NaN, 4, 5, 6], 3, 2));
      } catch (e) {
        return e as EmbeddingError;
      }
    })();
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const err = (() => {
        try {
          pca.transform(matrix([1, 2, bad, 4, 5, 6], 3, 2));
        } catch (e) {
          return e;
        }
      })();
      expect(err).toBeInstanceOf(EmbeddingError);
      expect((err as EmbeddingError).code).toBe('NON_FINITE');
      expect((err as EmbeddingError).message).toBe(fitError?.message);
    }
  });

  it('transform refuses projections beyond the float32 range instead of returning Infinity', () => {
    const pca = new PCA({ nComponents: 1 }).fit(matrix([0, 0, 1, 1, 2, 2], 3, 2));
    const err = (() => {
      try {
        pca.transform(matrix([1, 1, 3e38, 3e38], 2, 2));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EmbeddingError);
    expect((err as EmbeddingError).code).toBe('NON_FINITE');
    expect((err as Error).message).toMatch(
      /^X\.data: expected rows whose projections fit in float32, received row 1 projecting to Infinity\. The input data may contain large values/,
    );
  });
});
