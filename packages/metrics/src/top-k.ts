import { MetricsError } from './errors';
import { toLabelList, toLabels, toMatrix, toWeights, type LabelsInput, type Matrix, type MatrixInput } from './input';
import { LabelIndex } from './labels';
import { warn, type WarningOptions } from './warnings';

/** Options of {@link topKAccuracy} and {@link topKError}. */
export interface TopKOptions extends WarningOptions {
  /** `true` (default): fraction of hits; `false`: their (weighted) count. */
  normalize?: boolean;
  /** One non-negative weight per sample. */
  sampleWeight?: ArrayLike<number> | null;
  /**
   * The label of each score column, sorted ascending (default `0, 1, …, classes − 1`).
   * Every true label must be one of them.
   */
  labels?: LabelsInput | null;
}

/**
 * @internal Whether the true column is among the k best scores of row `r`. Ties are broken like
 * scikit-learn (a stable ascending argsort, reversed): among equal scores the higher column wins.
 */
export function inTopK(data: ArrayLike<number>, offset: number, cols: number, trueCol: number, k: number): boolean {
  const s = data[offset + trueCol];
  let ahead = 0;
  for (let j = 0; j < cols; j++) {
    const v = data[offset + j];
    if (v > s || (v === s && j > trueCol)) {
      if (++ahead >= k) return false;
    }
  }
  return true;
}

/** @internal Validates k against the number of classes (k > classes is an error, k = classes warns). */
export function checkK(k: unknown, classes: number, options: WarningOptions): number {
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw new MetricsError('k', k, 'a positive integer');
  if (k > classes) {
    throw new MetricsError('k', k, `at most the number of classes (${classes})`);
  }
  if (k === classes) {
    warn(options, {
      type: 'UndefinedMetricWarning',
      option: 'k',
      message: `'k' (${k}) greater than or equal to 'n_classes' (${classes}) will result in a perfect score and is therefore meaningless.`,
    });
  }
  return k;
}

/** @internal Column index of each true label (throws for labels outside the score columns). */
export function trueColumns(yTrue: Int32Array, m: Matrix, labelsOpt: LabelsInput | null | undefined): Int32Array {
  if (labelsOpt === undefined || labelsOpt === null) {
    for (let i = 0; i < yTrue.length; i++) {
      if (yTrue[i] >= m.cols) {
        throw new MetricsError(`yTrue[${i}]`, yTrue[i], `a class index below the number of score columns (${m.cols})`);
      }
    }
    return yTrue;
  }
  const labels = toLabelList(labelsOpt);
  if (labels.length !== m.cols) {
    throw new MetricsError('options.labels', `${labels.length} labels`, `one label per score column (${m.cols})`);
  }
  for (let i = 1; i < labels.length; i++) {
    if (labels[i] <= labels[i - 1]) throw new MetricsError('options.labels', labels, 'labels sorted in ascending order');
  }
  const cols = new LabelIndex(labels).encode(yTrue);
  for (let i = 0; i < cols.length; i++) {
    if (cols[i] < 0) throw new MetricsError(`yTrue[${i}]`, yTrue[i], 'one of options.labels');
  }
  return cols;
}

/**
 * Top-k accuracy: the fraction of samples whose true class is among the `k` highest scores —
 * scikit-learn's `top_k_accuracy_score` (ImageNet's top-1 / top-5). Ties between scores are broken
 * as scikit-learn does (the higher class index ranks first).
 *
 * @param scores - `[samples, classes]` scores, logits or probabilities (nested arrays, a rank-2
 *   tensor, or `{ data, shape }`).
 * @param yTrue - true class index of each sample.
 * @param k - how many top-scoring classes count as a hit (1 ≤ k ≤ classes).
 * @example
 * ```ts
 * const scores = [[0.5, 0.2, 0.2], [0.3, 0.4, 0.2], [0.2, 0.4, 0.3], [0.7, 0.2, 0.1]];
 * topKAccuracy(scores, [0, 1, 2, 2], 2); // 0.75
 * topKAccuracy(scores, [0, 1, 2, 2], 1); // 0.5
 * ```
 */
export function topKAccuracy(scores: MatrixInput, yTrue: LabelsInput, k: number, options: TopKOptions = {}): number {
  const m = toMatrix(scores, 'scores');
  const t = toLabels(yTrue, 'yTrue');
  if (t.length !== m.rows) throw new MetricsError('yTrue', `length ${t.length}`, `one label per score row (${m.rows})`);
  const w = toWeights(options.sampleWeight, t.length);
  const normalize = options.normalize ?? true;
  if (typeof normalize !== 'boolean') throw new MetricsError('options.normalize', normalize, 'a boolean');
  const cols = trueColumns(t, m, options.labels);
  checkK(k, m.cols, options);
  let hits = 0;
  let total = 0;
  for (let i = 0; i < m.rows; i++) {
    const wi = w ? w[i] : 1;
    if (inTopK(m.data, i * m.cols, m.cols, cols[i], k)) hits += wi;
    total += wi;
  }
  if (!normalize) return hits;
  if (total === 0) throw new MetricsError('options.sampleWeight', 'weights summing to 0', 'weights with a positive sum');
  return hits / total;
}

/**
 * Top-k error, `1 − topKAccuracy` (the ImageNet "top-5 error").
 *
 * @example
 * ```ts
 * topKError([[0.1, 0.6, 0.3], [0.8, 0.1, 0.1]], [2, 0], 1); // 0.5
 * ```
 */
export function topKError(
  scores: MatrixInput,
  yTrue: LabelsInput,
  k: number,
  options: Omit<TopKOptions, 'normalize'> = {},
): number {
  return 1 - topKAccuracy(scores, yTrue, k, { ...options, normalize: true });
}
