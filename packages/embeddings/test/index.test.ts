import { describe, expect, it } from 'vitest';
import * as api from '../src/index';

describe('public API', () => {
  it('exports exactly the documented values', () => {
    expect(Object.keys(api).sort()).toEqual(['EmbeddingError', 'PCA', 'knnAccuracy', 'trustworthiness', 'tsne'].sort());
  });
  it("composes: PCA → t-SNE → quality, numbers only (pictures are @dlkit/report's)", () => {
    const n = 90;
    const data = new Float32Array(n * 6);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 3;
      for (let c = 0; c < 6; c++) data[i * 6 + c] = (c === labels[i] ? 8 : 0) + Math.sin(i * 7.1 + c * 3.3);
    }
    const X = new api.PCA({ nComponents: 4 }).fitTransform({ data, rows: n, cols: 6 });
    const r = api.tsne(X, { perplexity: 10, nIter: 300 });
    expect(api.knnAccuracy(r.embedding, labels)).toBe(1);
    expect(api.trustworthiness(X, r.embedding, 5)).toBeGreaterThan(0.8);
    // What a scatter plot needs: n × 2 finite coordinates, row-major, one per labelled row.
    expect(r.embedding.rows).toBe(n);
    expect(r.embedding.cols).toBe(2);
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
  });
});
