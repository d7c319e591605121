import { balancedFromCounts } from './balanced-accuracy';
import { reportFromCounts, type ClassificationReport } from './classification-report';
import { makeConfusionMatrix, type ConfusionMatrix } from './confusion-matrix';
import { MetricsError } from './errors';
import { checkSameLength, toLabelList, toLabels, toMatrix, toWeights, type LabelsInput, type MatrixInput } from './input';
import { LabelIndex } from './labels';
import {
  checkZeroDivision,
  scoresFromCounts,
  type AveragedScores,
  type ClassCounts,
  type PerClassScores,
  type ZeroDivision,
} from './precision-recall-fscore';
import { checkK, inTopK } from './top-k';
import type { WarningOptions } from './warnings';

/** Options of {@link createMetricAccumulator}: give `numClasses` (labels 0…n−1) or `labels`. */
export interface MetricAccumulatorOptions {
  /** Number of classes; labels are `0 … numClasses − 1` and score columns follow that order. */
  numClasses?: number;
  /** The class labels (sorted ascending when scores are passed: column j scores `labels[j]`). */
  labels?: LabelsInput;
  /** Display names for the report, one per label. */
  targetNames?: readonly string[];
  /** Which top-k accuracies to track when scores are passed (default `[1, 5]`, keeping k ≤ classes). */
  topK?: readonly number[];
  /** Keep the full confusion matrix (default: when there are at most 2048 classes). */
  keepConfusionMatrix?: boolean;
}

/** Options of {@link MetricAccumulator.result}. */
export interface AccumulatorResultOptions extends WarningOptions {
  /** See {@link ZeroDivision}. Default `'warn'`. */
  zeroDivision?: ZeroDivision;
  /** Decimal places of the report text (default 2). */
  digits?: number;
}

/** Everything {@link MetricAccumulator.result} computes from the accumulated counts. */
export interface AccumulatorResult {
  /** Number of samples added. */
  readonly samples: number;
  /** Total sample weight (= `samples` without weights). */
  readonly totalWeight: number;
  /** Confusion matrix over all declared labels, or `null` when not kept. */
  readonly confusionMatrix: ConfusionMatrix | null;
  readonly accuracy: number;
  /** Balanced accuracy over the classes that occurred in `yTrue`. */
  readonly balancedAccuracy: number;
  /** Per-label precision, recall, F1 and support over all declared labels. */
  readonly perClass: PerClassScores;
  readonly micro: AveragedScores;
  readonly macro: AveragedScores;
  readonly weighted: AveragedScores;
  /** Accuracy within each true class (`NaN` for classes that never occurred). */
  readonly perClassAccuracy: Float64Array;
  /** Top-k accuracy by k, over the samples that came with scores; `null` if none did. */
  readonly topK: Readonly<Record<number, number>> | null;
  /** The classification report over all declared labels. */
  readonly report: ClassificationReport;
}

/** Streaming evaluation: add batches with {@link MetricAccumulator.update}, read metrics with `result()`. */
export interface MetricAccumulator {
  /** The declared labels. */
  readonly labels: readonly number[];
  /**
   * Adds a batch. `yPred` may be `null` when `scores` are given (the arg-max column is used).
   * `scores` (`[batch, classes]`) feed the top-k accuracies.
   */
  update(
    yTrue: LabelsInput,
    yPred: LabelsInput | null,
    scores?: MatrixInput | null,
    sampleWeight?: ArrayLike<number> | null,
  ): void;
  /** Computes every metric from the counts so far (the batches themselves are not kept). */
  result(options?: AccumulatorResultOptions): AccumulatorResult;
  /** Forgets everything added so far. */
  reset(): void;
}

/**
 * Creates a streaming accumulator: it keeps per-class counts (and the confusion matrix), never the
 * predictions, so evaluation over millions of samples needs memory proportional to the number of
 * classes only. Its numbers equal the batch functions' on the concatenated data with
 * `labels` = the declared labels.
 *
 * @example
 * ```ts
 * const acc = createMetricAccumulator({ numClasses: 10 });
 * for (const batch of batches) acc.update(batch.labels, null, batch.logits); // logits: [batch, 10]
 * const r = acc.result();
 * console.log(r.accuracy, r.topK?.[5], r.report.text);
 * ```
 */
export function createMetricAccumulator(options: MetricAccumulatorOptions): MetricAccumulator {
  let labels: number[];
  if (options.labels !== undefined && options.labels !== null) {
    labels = toLabelList(options.labels);
  } else if (typeof options.numClasses === 'number' && Number.isInteger(options.numClasses) && options.numClasses >= 1) {
    labels = Array.from({ length: options.numClasses }, (_, i) => i);
  } else {
    throw new MetricsError('options.numClasses', options.numClasses, 'a positive integer (or pass options.labels)');
  }
  const C = labels.length;
  const sortedLabels = labels.every((l, i) => i === 0 || l > labels[i - 1]);
  const index = new LabelIndex(labels);
  if (options.targetNames && options.targetNames.length !== C) {
    throw new MetricsError('options.targetNames', `${options.targetNames.length} names`, `one name per label (${C})`);
  }
  const keepCm = options.keepConfusionMatrix ?? C <= 2048;
  const ks = options.topK ? options.topK.map((k) => checkK(k, C, {})) : [1, 5].filter((k) => k <= C);
  const silent: WarningOptions = { onWarning: () => undefined };

  let cm = keepCm ? new Float64Array(C * C) : null;
  let tp = new Float64Array(C);
  let pred = new Float64Array(C);
  let tru = new Float64Array(C);
  let samples = 0;
  let weighted = false;
  let topHits = new Float64Array(ks.length);
  let topTotal = 0;
  let sawScores = false;

  const encode = (values: Int32Array, name: string): Int32Array => {
    const out = index.encode(values);
    for (let i = 0; i < out.length; i++) {
      if (out[i] < 0) throw new MetricsError(`${name}[${i}]`, values[i], `one of the declared labels (${C} classes)`);
    }
    return out;
  };

  return {
    labels,
    update(yTrue, yPred, scores, sampleWeight) {
      const t = toLabels(yTrue, 'yTrue');
      const m = scores === undefined || scores === null ? null : toMatrix(scores, 'scores');
      if (m) {
        if (m.rows !== t.length) throw new MetricsError('scores', `${m.rows} rows`, `one row per label (${t.length})`);
        if (m.cols !== C) throw new MetricsError('scores', `${m.cols} columns`, `one column per class (${C})`);
        if (!sortedLabels) throw new MetricsError('options.labels', labels, 'labels sorted ascending when scores are used');
      }
      let p: Int32Array;
      if (yPred === null) {
        if (!m) throw new MetricsError('yPred', null, 'predicted labels, or scores to take the arg-max of');
        p = new Int32Array(t.length);
        for (let i = 0; i < m.rows; i++) {
          let best = 0;
          for (let j = 1; j < C; j++) if (m.data[i * C + j] > m.data[i * C + best]) best = j;
          p[i] = labels[best];
        }
      } else {
        p = toLabels(yPred, 'yPred');
        checkSameLength(t, p);
      }
      const w = toWeights(sampleWeight, t.length, 'sampleWeight');
      const ti = encode(t, 'yTrue');
      const pi = encode(p, 'yPred');
      // Everything validated: now mutate.
      if (w) weighted = true;
      for (let i = 0; i < ti.length; i++) {
        const wi = w ? w[i] : 1;
        tru[ti[i]] += wi;
        pred[pi[i]] += wi;
        if (ti[i] === pi[i]) tp[ti[i]] += wi;
        if (cm) cm[ti[i] * C + pi[i]] += wi;
      }
      samples += ti.length;
      if (m) {
        sawScores = true;
        for (let i = 0; i < m.rows; i++) {
          const wi = w ? w[i] : 1;
          topTotal += wi;
          for (let q = 0; q < ks.length; q++) if (inTopK(m.data, i * C, C, ti[i], ks[q])) topHits[q] += wi;
        }
      }
    },
    result(resultOptions = {}) {
      if (samples === 0) throw new MetricsError('yTrue', 'no samples (update was never called)', 'at least one sample');
      const zeroDivision = checkZeroDivision(resultOptions.zeroDivision);
      const counts: ClassCounts = { tp: tp.slice(), pred: pred.slice(), true: tru.slice() };
      if (weighted) {
        // Same rounding as scikit-learn, which recovers totals as tp + (total − tp).
        for (let i = 0; i < C; i++) {
          counts.true[i] = tp[i] + (tru[i] - tp[i]);
          counts.pred[i] = tp[i] + (pred[i] - tp[i]);
        }
      }
      let total = 0;
      let correct = 0;
      for (let i = 0; i < C; i++) {
        total += tru[i];
        correct += tp[i];
      }
      const present: number[] = [];
      for (let i = 0; i < C; i++) if (tru[i] > 0 || pred[i] > 0) present.push(i);
      const per = scoresFromCounts(counts, null, 1, zeroDivision, ['precision', 'recall', 'f-score'], resultOptions) as {
        precision: Float64Array;
        recall: Float64Array;
        fscore: Float64Array;
      };
      const avg = (a: 'micro' | 'macro' | 'weighted'): AveragedScores => {
        const s = scoresFromCounts(counts, a, 1, zeroDivision, ['precision', 'recall', 'f-score'], silent) as {
          precision: number;
          recall: number;
          fscore: number;
        };
        return { ...s, support: null };
      };
      const perClassAccuracy = new Float64Array(C);
      for (let i = 0; i < C; i++) perClassAccuracy[i] = tru[i] === 0 ? Number.NaN : tp[i] / tru[i];
      let topK: Record<number, number> | null = null;
      if (sawScores && topTotal > 0) {
        topK = {};
        ks.forEach((k, q) => {
          topK![k] = topHits[q] / topTotal;
        });
      }
      return {
        samples,
        totalWeight: total,
        confusionMatrix: cm ? makeConfusionMatrix(labels, cm.slice(), null) : null,
        accuracy: correct / total,
        balancedAccuracy: balancedFromCounts(
          present.map((i) => tp[i]),
          present.map((i) => tru[i]),
          false,
          resultOptions,
        ),
        perClass: { labels, precision: per.precision, recall: per.recall, fscore: per.fscore, support: counts.true },
        micro: avg('micro'),
        macro: avg('macro'),
        weighted: avg('weighted'),
        perClassAccuracy,
        topK,
        report: reportFromCounts(
          {
            labels,
            counts,
            microIsAccuracy: present.length === C,
            floatSupport: weighted || correct === 0,
            targetNames: options.targetNames,
            digits: resultOptions.digits,
            zeroDivision,
          },
          silent,
        ),
      };
    },
    reset() {
      cm = keepCm ? new Float64Array(C * C) : null;
      tp = new Float64Array(C);
      pred = new Float64Array(C);
      tru = new Float64Array(C);
      topHits = new Float64Array(ks.length);
      samples = 0;
      topTotal = 0;
      weighted = false;
      sawScores = false;
    },
  };
}
