import { MetricsError } from './errors';
import { checkSameLength, toLabelList, toLabels, toWeights, type LabelsInput } from './input';
import { LabelIndex, uniqueLabels } from './labels';

/** How to normalise a confusion matrix: over true rows, predicted columns, or the whole population. */
export type ConfusionNormalize = 'true' | 'pred' | 'all';

/** Options of {@link confusionMatrix}. */
export interface ConfusionMatrixOptions {
  /**
   * Labels indexing the rows and columns, in that order (selects or reorders classes; labels absent
   * from the data give zero rows/columns). Default: the sorted labels present in `yTrue` or `yPred`.
   * Samples whose true or predicted label is not listed are left out.
   */
  labels?: LabelsInput | null;
  /** Normalise over true rows (`'true'`), predicted columns (`'pred'`) or everything (`'all'`); 0/0 gives 0. */
  normalize?: ConfusionNormalize | null;
  /** One non-negative weight per sample. */
  sampleWeight?: ArrayLike<number> | null;
}

/** A square confusion matrix: row `i` is true label `labels[i]`, column `j` predicted label `labels[j]`. */
export interface ConfusionMatrix {
  /** The label of each row and column. */
  readonly labels: readonly number[];
  /** Number of rows (= columns). */
  readonly size: number;
  /** Row-major values (`size × size`): counts, weighted sums or normalised fractions. */
  readonly data: Float64Array;
  /** The normalisation applied, or `null` for raw counts. */
  readonly normalize: ConfusionNormalize | null;
  /** The value at (true row `i`, predicted column `j`). */
  at(i: number, j: number): number;
  /** The matrix as nested arrays (like scikit-learn's `confusion_matrix(...).tolist()`). */
  toArray(): number[][];
}

/** @internal Builds the result object around row-major data. */
export function makeConfusionMatrix(
  labels: readonly number[],
  data: Float64Array,
  normalize: ConfusionNormalize | null,
): ConfusionMatrix {
  const size = labels.length;
  return {
    labels,
    size,
    data,
    normalize,
    at: (i: number, j: number) => data[i * size + j],
    toArray: () => Array.from({ length: size }, (_, i) => Array.from(data.subarray(i * size, (i + 1) * size))),
  };
}

/** @internal Accumulates (weighted) counts of (true, pred) index pairs; indices −1 are skipped. */
export function accumulatePairs(
  out: Float64Array,
  size: number,
  trueIdx: Int32Array,
  predIdx: Int32Array,
  weights?: Float64Array,
): void {
  const n = trueIdx.length;
  if (weights) {
    for (let i = 0; i < n; i++) {
      const t = trueIdx[i];
      const p = predIdx[i];
      if (t >= 0 && p >= 0) out[t * size + p] += weights[i];
    }
  } else {
    for (let i = 0; i < n; i++) {
      const t = trueIdx[i];
      const p = predIdx[i];
      if (t >= 0 && p >= 0) out[t * size + p] += 1;
    }
  }
}

/** @internal Normalises a copy of row-major counts like scikit-learn (0/0 → 0). */
export function normalizeCounts(counts: Float64Array, size: number, normalize: ConfusionNormalize | null): Float64Array {
  if (normalize === null) return counts;
  const out = new Float64Array(counts.length);
  if (normalize === 'true') {
    for (let i = 0; i < size; i++) {
      let s = 0;
      for (let j = 0; j < size; j++) s += counts[i * size + j];
      for (let j = 0; j < size; j++) out[i * size + j] = s === 0 ? 0 : counts[i * size + j] / s;
    }
  } else if (normalize === 'pred') {
    for (let j = 0; j < size; j++) {
      let s = 0;
      for (let i = 0; i < size; i++) s += counts[i * size + j];
      for (let i = 0; i < size; i++) out[i * size + j] = s === 0 ? 0 : counts[i * size + j] / s;
    }
  } else {
    let s = 0;
    for (let k = 0; k < counts.length; k++) s += counts[k];
    for (let k = 0; k < counts.length; k++) out[k] = s === 0 ? 0 : counts[k] / s;
  }
  return out;
}

/** @internal Validates the `normalize` option. */
export function checkNormalize(value: unknown, argument = 'options.normalize'): ConfusionNormalize | null {
  if (value === undefined || value === null) return null;
  if (value === 'true' || value === 'pred' || value === 'all') return value;
  throw new MetricsError(argument, value, "one of 'true', 'pred', 'all' or null");
}

/**
 * Confusion matrix `C` where `C[i][j]` counts samples of true label `labels[i]` predicted as
 * `labels[j]` — scikit-learn's `confusion_matrix`, same label order, weighting and normalisation.
 *
 * @param yTrue - true class labels (non-negative integers), length n.
 * @param yPred - predicted class labels, length n.
 * @example
 * ```ts
 * const cm = confusionMatrix([2, 0, 2, 2, 0, 1], [0, 0, 2, 2, 0, 2]);
 * cm.toArray(); // [[2, 0, 0], [0, 0, 1], [1, 0, 2]]
 * confusionMatrix([0, 1, 1], [0, 1, 0], { normalize: 'true' }).toArray(); // [[1, 0], [0.5, 0.5]]
 * ```
 */
export function confusionMatrix(yTrue: LabelsInput, yPred: LabelsInput, options: ConfusionMatrixOptions = {}): ConfusionMatrix {
  const t = toLabels(yTrue, 'yTrue');
  const p = toLabels(yPred, 'yPred');
  checkSameLength(t, p);
  const weights = toWeights(options.sampleWeight, t.length);
  const normalize = checkNormalize(options.normalize);
  let labels: number[];
  if (options.labels === undefined || options.labels === null) {
    labels = uniqueLabels(t, p);
  } else {
    labels = toLabelList(options.labels);
    const index = new LabelIndex(labels);
    let anyTrue = false;
    for (let i = 0; i < t.length && !anyTrue; i++) anyTrue = index.indexOf(t[i]) >= 0;
    if (!anyTrue) throw new MetricsError('options.labels', labels, 'at least one label that occurs in yTrue');
  }
  const index = new LabelIndex(labels);
  const size = labels.length;
  const counts = new Float64Array(size * size);
  accumulatePairs(counts, size, index.encode(t), index.encode(p), weights);
  return makeConfusionMatrix(labels, normalizeCounts(counts, size, normalize), normalize);
}
