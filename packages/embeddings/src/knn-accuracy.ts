import { EmbeddingError } from './errors';
import { exactKnn } from './knn';
import { checkFinite, checkNumber, checkShape, type FeatureMatrix } from './matrix';

/** Options of {@link knnAccuracy}. */
export interface KnnAccuracyOptions {
  /** Neighbours that vote. Default 5. */
  k?: number;
}

/**
 * Leave-one-out k-nearest-neighbour classification accuracy in an embedding (or any feature matrix):
 * each point is labelled by the majority class of its k nearest other points (ties go to the tied class
 * whose member is nearest). A common summary of how well classes separate in a t-SNE map.
 *
 * @example
 * ```ts
 * const acc = knnAccuracy(result.embedding, labels, { k: 5 }); // fraction in [0, 1]
 * ```
 * @throws {EmbeddingError} `INVALID_SHAPE` when labels.length ≠ rows; `INVALID_OPTION` unless 1 ≤ k < rows.
 */
export function knnAccuracy(Y: FeatureMatrix, labels: ArrayLike<number>, options: KnnAccuracyOptions = {}): number {
  checkShape(Y, 'Y');
  checkFinite(Y, 'Y');
  const n = Y.rows;
  if (labels.length !== n) throw new EmbeddingError('INVALID_SHAPE', 'labels.length', String(labels.length), `Y.rows (${n})`);
  const { k = 5 } = options;
  checkNumber(k, 'k', { min: 1, max: n - 1, integer: true });
  const g = exactKnn(Y, k);
  const votes = new Map<number, number>();
  let correct = 0;
  for (let i = 0; i < n; i++) {
    votes.clear();
    let best = labels[g.indices[i * k]];
    let bestVotes = 0;
    for (let u = 0; u < k; u++) {
      const lab = labels[g.indices[i * k + u]];
      const v = (votes.get(lab) ?? 0) + 1;
      votes.set(lab, v);
      if (v > bestVotes) {
        bestVotes = v;
        best = lab;
      }
    }
    // Ties: the first class (in distance order) that reaches the top count.
    for (let u = 0; u < k; u++) {
      const lab = labels[g.indices[i * k + u]];
      if (votes.get(lab) === bestVotes) {
        best = lab;
        break;
      }
    }
    if (best === labels[i]) correct++;
  }
  return correct / n;
}
