import { MetricsError } from './errors';
import { checkSameLength, toLabelList, toLabels, toWeights, type LabelsInput } from './input';
import { LabelIndex, uniqueLabels } from './labels';
import { numpyAverage, numpySum } from './numpy-sum';
import { warn, type WarningOptions } from './warnings';

/**
 * How per-class scores are combined: `'micro'` (global counts), `'macro'` (unweighted mean over
 * labels), `'weighted'` (mean weighted by support), `'binary'` (only `posLabel`, binary data only).
 */
export type Average = 'micro' | 'macro' | 'weighted' | 'binary';

/**
 * Value used when a ratio is 0/0: `'warn'` (0 plus a warning, the default), `0`, `1`, or `NaN`
 * (the value is NaN and is left out of averages, as in scikit-learn ≥ 1.3).
 */
export type ZeroDivision = 'warn' | 0 | 1 | number;

/** Options of {@link precisionRecallFscoreSupport} and its wrappers. */
export interface PrfsOptions extends WarningOptions {
  /** Averaging; `null` returns one value per label. */
  average?: Average | null;
  /** Weight of recall versus precision in the F-score (default 1; `Infinity` gives recall). */
  beta?: number;
  /**
   * Labels to score (and their order when `average` is `null`). Labels absent from the data are
   * allowed (they score 0 or `zeroDivision`). Default: sorted labels present in `yTrue` or `yPred`.
   */
  labels?: LabelsInput | null;
  /** The positive class when `average` is `'binary'` (default 1). Ignored otherwise, with a warning. */
  posLabel?: number | null;
  /** See {@link ZeroDivision}. Default `'warn'`. */
  zeroDivision?: ZeroDivision;
  /** One non-negative weight per sample. */
  sampleWeight?: ArrayLike<number> | null;
}

/** Per-label scores (`average: null`). */
export interface PerClassScores {
  /** The label of each entry. */
  readonly labels: readonly number[];
  readonly precision: Float64Array;
  readonly recall: Float64Array;
  /** F-beta score of each label. */
  readonly fscore: Float64Array;
  /** Number (or weighted sum) of true samples of each label. */
  readonly support: Float64Array;
}

/** Averaged scores (`average` set); scikit-learn returns no support in that case. */
export interface AveragedScores {
  readonly precision: number;
  readonly recall: number;
  readonly fscore: number;
  readonly support: null;
}

/** @internal Sufficient statistics per label: true positives, predicted and true totals. */
export interface ClassCounts {
  readonly tp: Float64Array;
  readonly pred: Float64Array;
  readonly true: Float64Array;
}

/** @internal Which metrics warn (scikit-learn's `warn_for`). */
export type WarnFor = ReadonlyArray<'precision' | 'recall' | 'f-score'>;

const ALL_WARN: WarnFor = ['precision', 'recall', 'f-score'];

/** @internal Validates `zeroDivision`. */
export function checkZeroDivision(value: unknown): ZeroDivision {
  if (value === undefined) return 'warn';
  if (value === 'warn' || value === 0 || value === 1 || (typeof value === 'number' && Number.isNaN(value))) {
    return value as ZeroDivision;
  }
  throw new MetricsError('options.zeroDivision', value, "one of 'warn', 0, 1 or NaN");
}

/** @internal Validates `beta`. */
export function checkBeta(value: unknown): number {
  if (value === undefined) return 1;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw new MetricsError('options.beta', value, 'a number >= 0 (Infinity allowed)');
  }
  return value;
}

/** @internal Validates `average`. */
export function checkAverage(value: unknown): Average | null {
  if (value === undefined || value === null) return null;
  if (value === 'micro' || value === 'macro' || value === 'weighted' || value === 'binary') return value;
  throw new MetricsError('options.average', value, "one of null, 'micro', 'macro', 'weighted', 'binary'");
}

/**
 * @internal Resolves which labels are scored (scikit-learn's `_check_set_wise_labels`), warning
 * when `posLabel` is set but ignored.
 */
export function resolveSetWiseLabels(
  present: readonly number[],
  average: Average | null,
  labelsOpt: LabelsInput | null | undefined,
  posLabelOpt: number | null | undefined,
  options: WarningOptions,
): number[] {
  const posLabel = posLabelOpt === undefined ? 1 : posLabelOpt;
  if (posLabel !== null && (typeof posLabel !== 'number' || !Number.isInteger(posLabel) || posLabel < 0)) {
    throw new MetricsError('options.posLabel', posLabel, 'a non-negative integer class label');
  }
  if (average === 'binary') {
    if (present.length > 2) {
      throw new MetricsError(
        'options.average',
        'binary',
        "one of null, 'micro', 'macro', 'weighted'",
        `The targets are multiclass (${present.length} labels) but average='binary' scores a single positive class`,
      );
    }
    if (posLabel === null || (!present.includes(posLabel) && present.length >= 2)) {
      throw new MetricsError('options.posLabel', posLabel, `one of the labels present (${present.join(', ')})`);
    }
    return [posLabel];
  }
  if (posLabel !== null && posLabel !== 1) {
    warn(options, {
      type: 'UserWarning',
      option: 'posLabel',
      message:
        `Note that posLabel (set to ${posLabel}) is ignored when average != 'binary' (got ${average === null ? 'null' : `'${average}'`}). ` +
        'You may use labels=[posLabel] to specify a single positive class.',
    });
  }
  if (labelsOpt === undefined || labelsOpt === null) return [...present];
  return toLabelList(labelsOpt);
}

/** @internal Counts tp / predicted / true per label of `labels` (samples of other labels are ignored). */
export function countClasses(
  yTrue: Int32Array,
  yPred: Int32Array,
  labels: readonly number[],
  weights?: Float64Array,
): ClassCounts {
  const k = labels.length;
  const tp = new Float64Array(k);
  const pred = new Float64Array(k);
  const tru = new Float64Array(k);
  const index = new LabelIndex(labels);
  const ti = index.encode(yTrue);
  const pi = index.encode(yPred);
  for (let i = 0; i < ti.length; i++) {
    const w = weights ? weights[i] : 1;
    const t = ti[i];
    const p = pi[i];
    if (t >= 0) tru[t] += w;
    if (p >= 0) pred[p] += w;
    if (t >= 0 && yTrue[i] === yPred[i]) tp[t] += w;
  }
  if (weights) {
    // scikit-learn recovers the totals as tp + (total − tp) from its 2×2 matrices: same rounding.
    for (let j = 0; j < k; j++) {
      tru[j] = tp[j] + (tru[j] - tp[j]);
      pred[j] = tp[j] + (pred[j] - tp[j]);
    }
  }
  return { tp, pred, true: tru };
}

function zeroDivisionValue(zd: ZeroDivision): number {
  return zd === 'warn' || zd === 0 ? 0 : zd === 1 ? 1 : Number.NaN;
}

const sum = numpySum;

function warnPrf(options: WarningOptions, msgStart: string, modifier: string, size: number): void {
  const where = size === 1 ? 'due to' : 'in labels with';
  warn(options, {
    type: 'UndefinedMetricWarning',
    option: 'zeroDivision',
    message: `${msgStart} ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use \`zeroDivision\` option to control this behavior.`,
  });
}

/** np.average with weights (plain mean without). */
const weightedMean = numpyAverage;

/** scikit-learn's `_nanaverage`: NaN entries (and their weights) are dropped; all-zero weights → plain mean. */
function nanAverage(values: Float64Array, weights?: Float64Array): number {
  const keep: number[] = [];
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) keep.push(i);
  if (keep.length === 0) return Number.NaN;
  const v = Float64Array.from(keep, (i) => values[i]);
  if (!weights) return weightedMean(v);
  const w = Float64Array.from(keep, (i) => weights[i]);
  return sum(w) === 0 ? weightedMean(v) : weightedMean(v, w);
}

/**
 * @internal The core: scores from per-label counts, exactly as scikit-learn computes them
 * (1.2 arithmetic for zeroDivision 'warn' / 0 / 1; ≥ 1.4 definitions for NaN).
 */
export function scoresFromCounts(
  counts: ClassCounts,
  average: Exclude<Average, 'binary'> | null | 'binary',
  beta: number,
  zeroDivision: ZeroDivision,
  warnFor: WarnFor,
  options: WarningOptions,
):
  | { precision: Float64Array; recall: Float64Array; fscore: Float64Array }
  | { precision: number; recall: number; fscore: number } {
  let { tp, pred, true: tru } = counts;
  if (average === 'micro') {
    tp = Float64Array.of(sum(tp));
    pred = Float64Array.of(sum(pred));
    tru = Float64Array.of(sum(tru));
  }
  const k = tp.length;
  const zdv = zeroDivisionValue(zeroDivision);
  const nanMode = Number.isNaN(zdv);
  const beta2 = beta * beta;
  const precision = new Float64Array(k);
  const recall = new Float64Array(k);
  const fscore = new Float64Array(k);
  let precisionIll = false;
  let recallIll = false;
  let bothIll = false;
  for (let i = 0; i < k; i++) {
    if (pred[i] === 0) precisionIll = true;
    if (tru[i] === 0) recallIll = true;
    if (pred[i] === 0 && tru[i] === 0) bothIll = true;
    precision[i] = pred[i] === 0 ? zdv : tp[i] / pred[i];
    recall[i] = tru[i] === 0 ? zdv : tp[i] / tru[i];
    if (beta === Infinity) {
      fscore[i] = recall[i];
    } else if (nanMode) {
      if (beta === 0) fscore[i] = precision[i];
      else {
        const denom = beta2 * tru[i] + pred[i];
        fscore[i] = denom === 0 ? Number.NaN : ((1 + beta2) * tp[i]) / denom;
      }
    } else {
      let denom = beta2 * precision[i] + recall[i];
      if (denom === 0) denom = 1;
      fscore[i] = ((1 + beta2) * precision[i] * recall[i]) / denom;
    }
  }
  if (zeroDivision === 'warn') {
    const fToo = warnFor.includes('f-score');
    if (precisionIll && warnFor.includes('precision')) {
      warnPrf(options, fToo ? 'Precision and F-score are' : 'Precision is', 'predicted', k);
    }
    if (recallIll && warnFor.includes('recall')) {
      warnPrf(options, fToo ? 'Recall and F-score are' : 'Recall is', 'true', k);
    }
    if (warnFor.length === 1 && warnFor[0] === 'f-score' && bothIll) {
      warnPrf(options, 'F-score is', 'true nor predicted', k);
    }
  }
  if (average === null) return { precision, recall, fscore };
  let weights: Float64Array | undefined;
  if (average === 'weighted') {
    weights = tru;
    if (!nanMode && sum(tru) === 0) {
      if (sum(pred) === 0) return { precision: zdv, recall: zdv, fscore: zdv };
      return { precision: 0, recall: zdv, fscore: 0 };
    }
  }
  const avg = nanMode ? nanAverage : weightedMean;
  return { precision: avg(precision, weights), recall: avg(recall, weights), fscore: avg(fscore, weights) };
}

/** @internal Shared implementation with the `warnFor` used by the thin wrappers. */
export function prfsImpl(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  options: PrfsOptions,
  defaultAverage: Average | null,
  warnFor: WarnFor,
): PerClassScores | AveragedScores {
  const zeroDivision = checkZeroDivision(options.zeroDivision);
  const beta = checkBeta(options.beta);
  const avg = options.average === undefined ? defaultAverage : checkAverage(options.average);
  const t = toLabels(yTrue, 'yTrue');
  const p = toLabels(yPred, 'yPred');
  checkSameLength(t, p);
  const weights = toWeights(options.sampleWeight, t.length);
  const labels = resolveSetWiseLabels(uniqueLabels(t, p), avg, options.labels, options.posLabel, options);
  const counts = countClasses(t, p, labels, weights);
  const scores = scoresFromCounts(counts, avg, beta, zeroDivision, warnFor, options);
  if (avg === null) {
    const s = scores as { precision: Float64Array; recall: Float64Array; fscore: Float64Array };
    return { labels, precision: s.precision, recall: s.recall, fscore: s.fscore, support: counts.true };
  }
  const s = scores as { precision: number; recall: number; fscore: number };
  return { precision: s.precision, recall: s.recall, fscore: s.fscore, support: null };
}

/**
 * Precision, recall, F-beta score and support for each label, or averaged — scikit-learn's
 * `precision_recall_fscore_support`, with its definitions, defaults (`average: null`, `beta: 1`,
 * `posLabel: 1`) and zero-division handling: a label never predicted has precision 0 (not NaN)
 * and triggers an `UndefinedMetricWarning` unless `zeroDivision` is set.
 *
 * @example
 * ```ts
 * const yTrue = [0, 1, 2, 0, 1, 2];
 * const yPred = [0, 2, 1, 0, 0, 1];
 * precisionRecallFscoreSupport(yTrue, yPred, { average: 'macro' }); // { precision: 0.222…, recall: 0.333…, fscore: 0.266…, support: null }
 * precisionRecallFscoreSupport(yTrue, yPred).fscore; // Float64Array [0.8, 0, 0]
 * ```
 */
export function precisionRecallFscoreSupport(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  options?: PrfsOptions & { average?: null },
): PerClassScores;
export function precisionRecallFscoreSupport(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  options: PrfsOptions & { average: Average },
): AveragedScores;
export function precisionRecallFscoreSupport(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  options?: PrfsOptions,
): PerClassScores | AveragedScores;
export function precisionRecallFscoreSupport(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  options: PrfsOptions = {},
): PerClassScores | AveragedScores {
  return prfsImpl(yTrue, yPred, options, null, ALL_WARN);
}
