import { checkSameLength, toLabels, toWeights, type LabelsInput } from './input';
import { uniqueLabels } from './labels';
import { countClasses } from './precision-recall-fscore';
import { warn, type WarningOptions } from './warnings';

/** Options of {@link balancedAccuracy}. */
export interface BalancedAccuracyOptions extends WarningOptions {
  /** One non-negative weight per sample. */
  sampleWeight?: ArrayLike<number> | null;
  /** Rescale so that chance scores 0 and perfect scores 1 (`(score − 1/C) / (1 − 1/C)`). */
  adjusted?: boolean;
}

/**
 * Balanced accuracy: the mean of per-class recalls over the classes present in `yTrue` —
 * scikit-learn's `balanced_accuracy_score` (predicted classes absent from `yTrue` are dropped with
 * a warning, as there).
 *
 * @example
 * ```ts
 * balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1]); // 0.625
 * balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], { adjusted: true }); // 0.25
 * ```
 */
export function balancedAccuracy(yTrue: LabelsInput, yPred: LabelsInput, options: BalancedAccuracyOptions = {}): number {
  const t = toLabels(yTrue, 'yTrue');
  const p = toLabels(yPred, 'yPred');
  checkSameLength(t, p);
  const weights = toWeights(options.sampleWeight, t.length);
  const labels = uniqueLabels(t, p);
  const counts = countClasses(t, p, labels, weights);
  return balancedFromCounts(counts.tp, counts.true, options.adjusted ?? false, options);
}

/** @internal Balanced accuracy from per-class correct and true counts. */
export function balancedFromCounts(
  correct: ArrayLike<number>,
  total: ArrayLike<number>,
  adjusted: boolean,
  options: WarningOptions,
): number {
  let sum = 0;
  let n = 0;
  let dropped = false;
  for (let i = 0; i < total.length; i++) {
    if (total[i] === 0) {
      dropped = true;
      continue;
    }
    sum += correct[i] / total[i];
    n++;
  }
  if (dropped) {
    warn(options, { type: 'UserWarning', message: 'y_pred contains classes not in y_true' });
  }
  let score = sum / n;
  if (adjusted) {
    const chance = 1 / n;
    score = (score - chance) / (1 - chance);
  }
  return score;
}
