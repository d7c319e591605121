import { describe, expect, it } from 'vitest';
import { orthonormalizeColumns, symmetricEigen } from '../src/linalg';
import { SeededRandom } from '@dlkit/core';

describe('symmetricEigen', () => {
  it('reconstructs a random symmetric matrix with orthonormal eigenvectors, eigenvalues descending', () => {
    const n = 12;
    const r = new SeededRandom(5);
    const A = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) A[i * n + j] = A[j * n + i] = r.normalPolar();
    const { values, vectors } = symmetricEigen(A, n);
    for (let k = 1; k < n; k++) expect(values[k]).toBeLessThanOrEqual(values[k - 1]);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let rec = 0;
        let dot = 0;
        for (let k = 0; k < n; k++) {
          rec += vectors[k * n + i] * values[k] * vectors[k * n + j];
          dot += vectors[i * n + k] * vectors[j * n + k];
        }
        expect(rec).toBeCloseTo(A[i * n + j], 10);
        expect(dot).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });
  it('knows the eigenvalues of a diagonal and a 2×2 matrix', () => {
    expect(Array.from(symmetricEigen(Float64Array.from([1, 0, 0, 0, 3, 0, 0, 0, 2]), 3).values)).toEqual([3, 2, 1]);
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(3, 12);
    expect(values[1]).toBeCloseTo(1, 12);
  });
});

describe('orthonormalizeColumns', () => {
  it('returns orthonormal columns spanning the input', () => {
    const m = 6;
    const k = 3;
    const M = Float64Array.from({ length: m * k }, (_, i) => Math.sin(i + 1));
    orthonormalizeColumns(M, m, k);
    for (let a = 0; a < k; a++) {
      for (let b = 0; b < k; b++) {
        let dot = 0;
        for (let i = 0; i < m; i++) dot += M[a * m + i] * M[b * m + i];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
    }
  });
});
