import { describe, expect, it } from 'vitest';
import { approximateKnn } from '../src/approximate-knn';
import { exactKnn } from '../src/knn';
import { blobs } from './helpers';

describe('approximateKnn', () => {
  it('recovers ≥ 95 % of the exact 30 nearest neighbours, with exact distances, sorted', () => {
    const { X } = blobs(100, 4, 10, 3);
    const k = 30;
    const approx = approximateKnn(X, k, { leafSize: 40, nTrees: 4, seed: 1 });
    const exact = exactKnn(X, k);
    let hits = 0;
    for (let i = 0; i < X.rows; i++) {
      const truth = new Set(exact.indices.subarray(i * k, (i + 1) * k));
      for (let t = 0; t < k; t++) {
        const j = approx.indices[i * k + t];
        if (truth.has(j)) hits++;
        expect(j).not.toBe(i);
        if (t > 0) expect(approx.distances[i * k + t]).toBeGreaterThanOrEqual(approx.distances[i * k + t - 1]);
        let s = 0;
        for (let c = 0; c < X.cols; c++) s += (X.data[i * X.cols + c] - X.data[j * X.cols + c]) ** 2;
        expect(approx.distances[i * k + t]).toBeCloseTo(s, 4);
      }
      expect(new Set(approx.indices.subarray(i * k, (i + 1) * k)).size).toBe(k);
    }
    expect(hits / (X.rows * k)).toBeGreaterThan(0.95);
  });
  it('copes with many identical points', () => {
    const data = new Float32Array(200 * 3);
    for (let i = 100; i < 200; i++) data[i * 3] = i;
    const g = approximateKnn({ data, rows: 200, cols: 3 }, 5, { leafSize: 16 });
    for (let i = 0; i < 100; i++) expect(g.distances[i * 5]).toBe(0);
  });
});
