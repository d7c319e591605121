import type { LabelsInput } from './input';
import { prfsImpl, type Average, type AveragedScores, type PerClassScores, type PrfsOptions } from './precision-recall-fscore';

/** Options of {@link precision}, {@link recall}, {@link f1} (scikit-learn's default `average` is `'binary'`). */
export type ScoreOptions = Omit<PrfsOptions, 'beta'>;

/** @internal Picks one field of the core result: a number when averaged, per-label values otherwise. */
export function pick(result: PerClassScores | AveragedScores, field: 'precision' | 'recall' | 'fscore'): number | Float64Array {
  return result[field];
}

/**
 * Precision `tp / (tp + fp)` — scikit-learn's `precision_score` (default `average: 'binary'`,
 * `posLabel: 1`). A label never predicted scores `zeroDivision` (0 with a warning by default).
 *
 * @returns a number when averaged, one value per label when `average: null`.
 * @example
 * ```ts
 * precision([0, 1, 1, 0], [0, 1, 0, 0]); // 1 (binary, positive class 1)
 * precision([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro' }); // 0.2222…
 * ```
 */
export function precision(yTrue: LabelsInput, yPred: LabelsInput, options: ScoreOptions & { average: null }): Float64Array;
export function precision(yTrue: LabelsInput, yPred: LabelsInput, options?: ScoreOptions & { average?: Average }): number;
export function precision(yTrue: LabelsInput, yPred: LabelsInput, options?: ScoreOptions): number | Float64Array;
export function precision(yTrue: LabelsInput, yPred: LabelsInput, options: ScoreOptions = {}): number | Float64Array {
  return pick(prfsImpl(yTrue, yPred, options, 'binary', ['precision']), 'precision');
}
