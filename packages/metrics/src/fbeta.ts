import { MetricsError } from './errors';
import type { LabelsInput } from './input';
import { prfsImpl, type Average } from './precision-recall-fscore';
import { pick, type ScoreOptions } from './precision';

/**
 * F-beta score `(1 + β²)·P·R / (β²·P + R)` — scikit-learn's `fbeta_score` (default
 * `average: 'binary'`). `beta < 1` favours precision, `beta > 1` recall. Warns only when a label
 * has neither true nor predicted samples.
 *
 * @returns a number when averaged, one value per label when `average: null`.
 * @example
 * ```ts
 * fbeta([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 0.5, { average: 'macro' }); // 0.2380…
 * ```
 */
export function fbeta(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  beta: number,
  options: ScoreOptions & { average: null },
): Float64Array;
export function fbeta(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  beta: number,
  options?: ScoreOptions & { average?: Average },
): number;
export function fbeta(yTrue: LabelsInput, yPred: LabelsInput, beta: number, options?: ScoreOptions): number | Float64Array;
export function fbeta(yTrue: LabelsInput, yPred: LabelsInput, beta: number, options: ScoreOptions = {}): number | Float64Array {
  if (typeof beta !== 'number' || Number.isNaN(beta) || beta < 0) {
    throw new MetricsError('beta', beta, 'a number >= 0 (Infinity allowed)');
  }
  return pick(prfsImpl(yTrue, yPred, { ...options, beta }, 'binary', ['f-score']), 'fscore');
}
