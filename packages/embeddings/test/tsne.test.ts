import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../src/errors';
import { knnAccuracy } from '../src/knn-accuracy';
import { trustworthiness } from '../src/trustworthiness';
import { tsne, type TSNEProgress } from '../src/tsne';
import { blobs, matrix } from './helpers';

const { X, labels } = blobs(60, 4, 10, 11); // 240 points

describe('tsne', () => {
  it('barnes-hut separates clusters, keeps neighbourhoods and reports progress with KL', () => {
    const progress: TSNEProgress[] = [];
    const r = tsne(X, { method: 'barnes-hut', perplexity: 20, seed: 1, threads: 1, onProgress: (p) => progress.push(p) });
    expect(r.method).toBe('barnes-hut');
    expect(r.embedding.rows).toBe(240);
    expect(r.embedding.cols).toBe(2);
    expect(r.learningRate).toBe(50);
    expect(r.neighbors).toBe('exact');
    expect(knnAccuracy(r.embedding, labels, { k: 5 })).toBe(1);
    expect(trustworthiness(X, r.embedding, 5)).toBeGreaterThan(0.85);
    expect(progress.length).toBeGreaterThanOrEqual(10);
    expect(progress[0]).toMatchObject({ iteration: 50, totalIterations: 1000, phase: 'early-exaggeration' });
    expect(progress.at(-1)!.phase).toBe('main');
    expect(progress.every((p) => Number.isFinite(p.klDivergence) && p.klDivergence > 0)).toBe(true);
    // KL decreases in the main phase, and the final value is the last reported one.
    const main = progress.filter((p) => p.phase === 'main');
    expect(main.at(-1)!.klDivergence).toBeLessThan(main[0].klDivergence);
    expect(r.klDivergence).toBeCloseTo(main.at(-1)!.klDivergence, 12);
  });

  it('exact and barnes-hut reach similar KL and quality on the same data', () => {
    const opts = { perplexity: 15, seed: 2, nIter: 500 } as const;
    const a = tsne(X, { ...opts, method: 'exact' });
    const b = tsne(X, { ...opts, method: 'barnes-hut', threads: 1 });
    expect(a.method).toBe('exact');
    expect(Math.abs(a.klDivergence - b.klDivergence)).toBeLessThan(0.1);
    expect(knnAccuracy(a.embedding, labels)).toBe(1);
    expect(Math.abs(trustworthiness(X, a.embedding, 5) - trustworthiness(X, b.embedding, 5))).toBeLessThan(0.02);
  });

  it('is reproducible for a seed; random init differs from pca init', () => {
    const opts = { perplexity: 10, nIter: 300, threads: 1 } as const;
    const a = tsne(X, { ...opts, seed: 5, init: 'random' });
    const b = tsne(X, { ...opts, seed: 5, init: 'random' });
    const c = tsne(X, { ...opts, seed: 5 });
    expect(Array.from(a.embedding.data)).toEqual(Array.from(b.embedding.data));
    expect(Array.from(a.embedding.data)).not.toEqual(Array.from(c.embedding.data));
  });

  it('accepts an explicit initial embedding and any learning rate', () => {
    const init = matrix(
      Array.from({ length: 480 }, (_, i) => Math.sin(i) * 1e-4),
      240,
      2,
    );
    const r = tsne(X, { init, learningRate: 100, nIter: 300, perplexity: 10 });
    expect(r.learningRate).toBe(100);
    expect(knnAccuracy(r.embedding, labels)).toBeGreaterThan(0.95);
  });

  it("runs in 3-D with method 'exact' ('auto' picks exact below 500 points)", () => {
    const r = tsne(X, { nComponents: 3, nIter: 300, perplexity: 10 });
    expect(r.method).toBe('exact');
    expect(r.embedding.cols).toBe(3);
    expect(knnAccuracy(r.embedding, labels)).toBeGreaterThan(0.95);
  });

  it('uses worker threads when asked and reaches the same quality', () => {
    const r = tsne(X, { method: 'barnes-hut', perplexity: 20, seed: 1, threads: 2, nIter: 500 });
    expect(r.threads).toBe(2);
    expect(knnAccuracy(r.embedding, labels)).toBe(1);
  });

  it('handles duplicate points (counted, embedded finitely)', () => {
    const data = X.data.slice();
    for (let i = 0; i < 20; i++) data.set(data.subarray(0, 10), (i + 1) * 10); // rows 1..20 = row 0
    const r = tsne({ data, rows: 240, cols: 10 }, { method: 'barnes-hut', perplexity: 10, nIter: 300, threads: 1 });
    expect(r.duplicatePoints).toBe(21);
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
  });

  it('approximate neighbours give the same quality', () => {
    const r = tsne(X, { method: 'barnes-hut', neighbors: 'approximate', perplexity: 10, nIter: 400, threads: 1 });
    expect(r.neighbors).toBe('approximate');
    expect(knnAccuracy(r.embedding, labels)).toBe(1);
  });

  it("delegates to tsne-js with method 'tsne-js'", () => {
    const small = blobs(15, 3, 5, 4);
    const r = tsne(small.X, { method: 'tsne-js', perplexity: 5, nIter: 200, learningRate: 100 });
    expect(r.method).toBe('tsne-js');
    expect(r.embedding.rows).toBe(45);
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
    expect(knnAccuracy(r.embedding, small.labels, { k: 3 })).toBeGreaterThanOrEqual(0.8);
  });

  it('refuses bad input with typed errors', () => {
    const err = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof EmbeddingError ? e.code : 'other';
      }
      return 'none';
    };
    expect(err(() => tsne(matrix([1, 2], 1, 2)))).toBe('TOO_FEW_POINTS');
    expect(err(() => tsne(X, { perplexity: 240 }))).toBe('PERPLEXITY_TOO_LARGE');
    expect(err(() => tsne(matrix([1, 2, NaN, 4, 5, 6], 3, 2), { perplexity: 1 }))).toBe('NON_FINITE');
    expect(err(() => tsne(X, { method: 'fast' as 'exact' }))).toBe('INVALID_OPTION');
    expect(err(() => tsne(X, { method: 'barnes-hut', nComponents: 3 }))).toBe('INVALID_OPTION');
    expect(err(() => tsne(X, { learningRate: -1 }))).toBe('INVALID_OPTION');
    expect(err(() => tsne(X, { init: matrix([0, 0], 1, 2) }))).toBe('INVALID_SHAPE');
    expect(err(() => tsne(X, { earlyExaggeration: 0.5 }))).toBe('INVALID_OPTION');
  });

  it('embeds two points', () => {
    const r = tsne(matrix([0, 0, 1, 1], 2, 2), { perplexity: 1, nIter: 100 });
    expect(r.embedding.data.every(Number.isFinite)).toBe(true);
  });
});
