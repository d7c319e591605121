import { MetricsError } from './errors';
import { checkSameLength, toLabels, toWeights, type LabelsInput } from './input';

/** Options of {@link accuracy}. */
export interface AccuracyOptions {
  /** `true` (default): the fraction of correct samples; `false`: their (weighted) count. */
  normalize?: boolean;
  /** One non-negative weight per sample. */
  sampleWeight?: ArrayLike<number> | null;
}

/**
 * Fraction (or count) of samples whose predicted label equals the true label — scikit-learn's
 * `accuracy_score`.
 *
 * @example
 * ```ts
 * accuracy([0, 1, 2, 3], [0, 2, 1, 3]); // 0.5
 * accuracy([0, 1, 2, 3], [0, 2, 1, 3], { normalize: false }); // 2
 * ```
 */
export function accuracy(yTrue: LabelsInput, yPred: LabelsInput, options: AccuracyOptions = {}): number {
  const t = toLabels(yTrue, 'yTrue');
  const p = toLabels(yPred, 'yPred');
  checkSameLength(t, p);
  const w = toWeights(options.sampleWeight, t.length);
  const normalize = options.normalize ?? true;
  if (typeof normalize !== 'boolean') throw new MetricsError('options.normalize', normalize, 'a boolean');
  let hit = 0;
  let total = 0;
  if (w) {
    for (let i = 0; i < t.length; i++) {
      if (t[i] === p[i]) hit += w[i];
      total += w[i];
    }
  } else {
    for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hit++;
    total = t.length;
  }
  if (!normalize) return hit;
  if (total === 0) throw new MetricsError('options.sampleWeight', 'weights summing to 0', 'weights with a positive sum');
  return hit / total;
}
