import { EmbeddingError } from './errors';
import { exactKnn } from './knn';
import { checkFinite, checkNumber, checkShape, type FeatureMatrix } from './matrix';
import { SeededRandom } from '@dlkit/core';

/** Options of {@link trustworthiness}. */
export interface TrustworthinessOptions {
  /**
   * Evaluate only this many randomly chosen points (ranks still against all points), an unbiased estimate
   * for very large sets. Default: all points (exact, as scikit-learn).
   */
  sampleSize?: number;
  /** Seed of the sample. Default 0. */
  seed?: number;
}

/**
 * Trustworthiness of an embedding, exactly as `sklearn.manifold.trustworthiness` (Venna & Kaski 2001):
 * T(k) = 1 − 2 / (n k (2n − 3k − 1)) · Σ_i Σ_{j ∈ N_k^Y(i)} max(0, r(i, j) − k), where r(i, j) is the
 * rank of j among i's neighbours in the input space (Euclidean). 1 means every embedded neighbour is a
 * true neighbour. Cost O(n² d) (or O(sampleSize · n · d)).
 *
 * @example
 * ```ts
 * const t = trustworthiness(X50, result.embedding, 5); // e.g. 0.99
 * ```
 * @throws {EmbeddingError} `INVALID_SHAPE` when row counts differ; `INVALID_OPTION` unless 1 ≤ nNeighbors < n / 2.
 */
export function trustworthiness(
  X: FeatureMatrix,
  Y: FeatureMatrix,
  nNeighbors = 5,
  options: TrustworthinessOptions = {},
): number {
  checkShape(X, 'X');
  checkShape(Y, 'Y');
  checkFinite(X, 'X');
  checkFinite(Y, 'Y');
  if (X.rows !== Y.rows) throw new EmbeddingError('INVALID_SHAPE', 'Y.rows', String(Y.rows), `X.rows (${X.rows})`);
  const n = X.rows;
  const k = nNeighbors;
  checkNumber(k, 'nNeighbors', { min: 1, integer: true });
  if (k >= n / 2) throw new EmbeddingError('INVALID_OPTION', 'nNeighbors', String(k), `less than n_samples / 2 (${n / 2})`);
  const { sampleSize = n, seed = 0 } = options;
  checkNumber(sampleSize, 'sampleSize', { min: 1, max: n, integer: true });
  const queries = sampleSize >= n ? Int32Array.from({ length: n }, (_, i) => i) : new SeededRandom(seed).sample(n, sampleSize);
  const nq = queries.length;
  const embedded = exactKnn(Y, k, queries);
  const { data, cols: d } = X;
  const dist = new Float64Array(n);
  const target = new Float64Array(k);
  const targetIdx = new Int32Array(k);
  const ranks = new Float64Array(k);
  let t = 0;
  for (let q = 0; q < nq; q++) {
    const i = queries[q];
    const oi = i * d;
    for (let l = 0; l < n; l++) {
      const ol = l * d;
      let s = 0;
      for (let c = 0; c < d; c++) {
        const diff = data[oi + c] - data[ol + c];
        s += diff * diff;
      }
      dist[l] = s;
    }
    for (let u = 0; u < k; u++) {
      targetIdx[u] = embedded.indices[q * k + u];
      target[u] = dist[targetIdx[u]];
      ranks[u] = 1;
    }
    // rank(j) = 1 + #{l ≠ i : d(i,l) < d(i,j), or equal with l < j} (a stable argsort's order).
    for (let l = 0; l < n; l++) {
      if (l === i) continue;
      const dl = dist[l];
      for (let u = 0; u < k; u++) {
        if (dl < target[u] || (dl === target[u] && l < targetIdx[u])) ranks[u]++;
      }
    }
    for (let u = 0; u < k; u++) if (ranks[u] > k) t += ranks[u] - k;
  }
  return 1 - (t * 2) / (nq * k * (2 * n - 3 * k - 1));
}
