import type { LabelsInput } from './input';
import { prfsImpl, type Average } from './precision-recall-fscore';
import { pick, type ScoreOptions } from './precision';

/**
 * F1 score, the harmonic mean of precision and recall — scikit-learn's `f1_score` (default
 * `average: 'binary'`): `fbeta` with `beta = 1`.
 *
 * @returns a number when averaged, one value per label when `average: null`.
 * @example
 * ```ts
 * f1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'macro' }); // 0.2666…
 * f1([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: 'micro' }); // 0.3333…
 * ```
 */
export function f1(yTrue: LabelsInput, yPred: LabelsInput, options: ScoreOptions & { average: null }): Float64Array;
export function f1(yTrue: LabelsInput, yPred: LabelsInput, options?: ScoreOptions & { average?: Average }): number;
export function f1(yTrue: LabelsInput, yPred: LabelsInput, options?: ScoreOptions): number | Float64Array;
export function f1(yTrue: LabelsInput, yPred: LabelsInput, options: ScoreOptions = {}): number | Float64Array {
  return pick(prfsImpl(yTrue, yPred, { ...options, beta: 1 }, 'binary', ['f-score']), 'fscore');
}
