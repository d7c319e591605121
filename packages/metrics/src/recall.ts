import type { LabelsInput } from './input';
import { prfsImpl, type Average } from './precision-recall-fscore';
import { pick, type ScoreOptions } from './precision';

/**
 * Recall `tp / (tp + fn)` — scikit-learn's `recall_score` (default `average: 'binary'`,
 * `posLabel: 1`). A label with no true samples scores `zeroDivision` (0 with a warning by default).
 *
 * @returns a number when averaged, one value per label when `average: null`.
 * @example
 * ```ts
 * recall([0, 1, 1, 0], [0, 1, 0, 0]); // 0.5
 * recall([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: null }); // Float64Array [1, 0, 0]
 * ```
 */
export function recall(yTrue: LabelsInput, yPred: LabelsInput, options: ScoreOptions & { average: null }): Float64Array;
export function recall(yTrue: LabelsInput, yPred: LabelsInput, options?: ScoreOptions & { average?: Average }): number;
export function recall(yTrue: LabelsInput, yPred: LabelsInput, options?: ScoreOptions): number | Float64Array;
export function recall(yTrue: LabelsInput, yPred: LabelsInput, options: ScoreOptions = {}): number | Float64Array {
  return pick(prfsImpl(yTrue, yPred, options, 'binary', ['recall']), 'recall');
}
