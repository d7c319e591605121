import { MetricsError } from './errors';
import { checkSameLength, toLabelList, toLabels, toWeights, type LabelsInput } from './input';
import { uniqueLabels } from './labels';
import {
  checkZeroDivision,
  countClasses,
  scoresFromCounts,
  type ClassCounts,
  type ZeroDivision,
} from './precision-recall-fscore';
import { numpySum } from './numpy-sum';
import { padLeft, pyFixed, pyRepr } from './python-format';
import { dedupe, warn, type WarningOptions } from './warnings';

/** Options of {@link classificationReport}. */
export interface ClassificationReportOptions extends WarningOptions {
  /** Labels to include, in order (default: sorted labels present in `yTrue` or `yPred`). */
  labels?: LabelsInput | null;
  /** Display name of each label (default: the label number). */
  targetNames?: readonly string[] | null;
  /** Decimal places in the text (default 2). */
  digits?: number;
  /** One non-negative weight per sample (supports then print as floats, like scikit-learn). */
  sampleWeight?: ArrayLike<number> | null;
  /** See {@link ZeroDivision}. Default `'warn'`. */
  zeroDivision?: ZeroDivision;
}

/** One row of the report. */
export interface ReportRow {
  readonly precision: number;
  readonly recall: number;
  readonly f1Score: number;
  readonly support: number;
}

/** A row of the report in scikit-learn's `output_dict=True` shape. */
export interface ReportDictRow {
  readonly precision: number;
  readonly recall: number;
  readonly 'f1-score': number;
  readonly support: number;
}

/** The classification report: the numbers, the text, and scikit-learn's dict form. */
export interface ClassificationReport {
  /** Per-label rows, in label order. */
  readonly classes: ReadonlyArray<ReportRow & { readonly label: number; readonly name: string }>;
  /**
   * Accuracy (= micro-averaged F1) when the report covers every label present in the data;
   * `null` when `labels` selected a different set (then {@link ClassificationReport.microAvg} is set).
   */
  readonly accuracy: number | null;
  /** Micro average, only when it is not the accuracy (see above). */
  readonly microAvg: ReportRow | null;
  readonly macroAvg: ReportRow;
  readonly weightedAvg: ReportRow;
  /** The report laid out exactly like scikit-learn's `classification_report` text. */
  readonly text: string;
  /** The report as scikit-learn's `classification_report(..., output_dict=True)` returns it. */
  toDict(): Record<string, ReportDictRow | number>;
}

/** @internal Inputs of {@link reportFromCounts}. */
export interface ReportSpec {
  labels: readonly number[];
  counts: ClassCounts;
  /** Whether the micro average is labelled "accuracy" (labels = labels present in the data). */
  microIsAccuracy: boolean;
  /**
   * Whether supports print as floats (`44.0`): scikit-learn's counts are floats when sample weights
   * are given, and also when no sample at all is predicted correctly (its `multilabel_confusion_matrix`
   * then starts from float zeros).
   */
  floatSupport: boolean;
  targetNames?: readonly string[] | null;
  digits?: number;
  zeroDivision?: ZeroDivision;
  /** Whether `targetNames` may differ in length from `labels` (scikit-learn warns and truncates when labels were given). */
  allowNameMismatch?: boolean;
}

const HEADERS = ['precision', 'recall', 'f1-score', 'support'] as const;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** @internal Builds the report from per-label counts (shared with the streaming accumulator). */
export function reportFromCounts(spec: ReportSpec, options: WarningOptions = {}): ClassificationReport {
  const digits = spec.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new MetricsError('options.digits', digits, 'an integer from 0 to 20');
  }
  const zeroDivision = checkZeroDivision(spec.zeroDivision);
  const labels = spec.labels;
  let names: string[];
  if (spec.targetNames === undefined || spec.targetNames === null) {
    names = labels.map((l) => String(l));
  } else {
    names = spec.targetNames.map((n, i) => {
      if (typeof n !== 'string') throw new MetricsError(`options.targetNames[${i}]`, n, 'a string');
      return n;
    });
    if (names.length !== labels.length) {
      if (!spec.allowNameMismatch) {
        throw new MetricsError(
          'options.targetNames',
          `${names.length} names`,
          `one name per label (${labels.length})`,
          'Pass options.labels to choose which labels the names describe',
        );
      }
    }
  }
  const once = dedupe(options);
  const perClass = scoresFromCounts(spec.counts, null, 1, zeroDivision, ['precision', 'recall', 'f-score'], once) as {
    precision: Float64Array;
    recall: Float64Array;
    fscore: Float64Array;
  };
  const support = spec.counts.true;
  const total = numpySum(support);
  const averaged = (avg: 'micro' | 'macro' | 'weighted'): ReportRow => {
    const s = scoresFromCounts(spec.counts, avg, 1, zeroDivision, ['precision', 'recall', 'f-score'], once) as {
      precision: number;
      recall: number;
      fscore: number;
    };
    return { precision: s.precision, recall: s.recall, f1Score: s.fscore, support: total };
  };
  const rowsCount = Math.min(names.length, labels.length);
  const classes = Array.from({ length: rowsCount }, (_, i) => ({
    label: labels[i],
    name: names[i],
    precision: perClass.precision[i],
    recall: perClass.recall[i],
    f1Score: perClass.fscore[i],
    support: support[i],
  }));
  const micro = averaged('micro');
  const macroAvg = averaged('macro');
  const weightedAvg = averaged('weighted');

  const fmtSupport = (s: number) => (spec.floatSupport ? pyRepr(s) : String(s));
  const width = Math.max(Math.max(0, ...names.map(codePoints)), 'weighted avg'.length, digits);
  const pad = (s: string, w: number) => padLeft(s, w + (s.length - codePoints(s)));
  let text = pad('', width) + ' ' + HEADERS.map((h) => ' ' + padLeft(h, 9)).join('') + '\n\n';
  const row = (name: string, r: ReportRow) =>
    pad(name, width) +
    ' ' +
    [r.precision, r.recall, r.f1Score].map((v) => ' ' + padLeft(pyFixed(v, digits), 9)).join('') +
    ' ' +
    padLeft(fmtSupport(r.support), 9) +
    '\n';
  for (const c of classes) text += row(c.name, c);
  text += '\n';
  if (spec.microIsAccuracy) {
    text +=
      pad('accuracy', width) +
      ' ' +
      ' ' +
      padLeft('', 9) +
      ' ' +
      padLeft('', 9) +
      ' ' +
      padLeft(pyFixed(micro.f1Score, digits), 9) +
      ' ' +
      padLeft(fmtSupport(total), 9) +
      '\n';
  } else {
    text += row('micro avg', micro);
  }
  text += row('macro avg', macroAvg);
  text += row('weighted avg', weightedAvg);

  const dictRow = (r: ReportRow): ReportDictRow => ({
    precision: r.precision,
    recall: r.recall,
    'f1-score': r.f1Score,
    support: r.support,
  });
  return {
    classes,
    accuracy: spec.microIsAccuracy ? micro.f1Score : null,
    microAvg: spec.microIsAccuracy ? null : micro,
    macroAvg,
    weightedAvg,
    text,
    toDict: () => {
      const out: Record<string, ReportDictRow | number> = {};
      for (const c of classes) out[c.name] = dictRow(c);
      if (spec.microIsAccuracy) out.accuracy = micro.f1Score;
      else out['micro avg'] = dictRow(micro);
      out['macro avg'] = dictRow(macroAvg);
      out['weighted avg'] = dictRow(weightedAvg);
      return out;
    },
  };
}

/**
 * Precision, recall, F1 and support per label plus accuracy, macro and weighted averages —
 * scikit-learn's `classification_report`, built from the same core as
 * {@link precisionRecallFscoreSupport} so the numbers cannot disagree. `text` is laid out exactly
 * like scikit-learn's (same widths, rounding and rows); `toDict()` gives the `output_dict` form.
 *
 * @example
 * ```ts
 * const report = classificationReport([0, 1, 2, 2, 2], [0, 0, 2, 2, 1], {
 *   targetNames: ['class 0', 'class 1', 'class 2'],
 * });
 * console.log(report.text);
 * //               precision    recall  f1-score   support
 * //
 * //      class 0       0.50      1.00      0.67         1
 * //      class 1       0.00      0.00      0.00         1
 * //      class 2       1.00      0.67      0.80         3
 * //
 * //     accuracy                           0.60         5
 * //    macro avg       0.50      0.56      0.49         5
 * // weighted avg       0.70      0.60      0.61         5
 * ```
 */
export function classificationReport(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  options: ClassificationReportOptions = {},
): ClassificationReport {
  const t = toLabels(yTrue, 'yTrue');
  const p = toLabels(yPred, 'yPred');
  checkSameLength(t, p);
  const weights = toWeights(options.sampleWeight, t.length);
  const present = uniqueLabels(t, p);
  let labels: number[];
  let microIsAccuracy = true;
  if (options.labels === undefined || options.labels === null) {
    labels = present;
  } else {
    labels = toLabelList(options.labels);
    const set = new Set(labels);
    microIsAccuracy = set.size === present.length && present.every((l) => set.has(l));
    const names = options.targetNames;
    if (names && names.length !== labels.length) {
      warn(options, {
        type: 'UserWarning',
        option: 'targetNames',
        message: `labels size, ${labels.length}, does not match size of targetNames, ${names.length}`,
      });
    }
  }
  return reportFromCounts(
    {
      labels,
      counts: countClasses(t, p, labels, weights),
      microIsAccuracy,
      floatSupport: !!weights || !anyCorrect(t, p),
      targetNames: options.targetNames,
      digits: options.digits,
      zeroDivision: options.zeroDivision,
      allowNameMismatch: options.labels !== undefined && options.labels !== null,
    },
    options,
  );
}

function anyCorrect(t: Int32Array, p: Int32Array): boolean {
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) return true;
  return false;
}
