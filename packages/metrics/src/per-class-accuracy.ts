import { checkSameLength, toLabelList, toLabels, toWeights, type LabelsInput } from './input';
import { uniqueLabels } from './labels';
import { checkZeroDivision, countClasses, type ZeroDivision } from './precision-recall-fscore';
import { warn, type WarningOptions } from './warnings';

/** Options of {@link perClassAccuracy}. */
export interface PerClassAccuracyOptions extends WarningOptions {
  /** Labels to report, in order (default: sorted labels present in `yTrue` or `yPred`). */
  labels?: LabelsInput | null;
  /** One non-negative weight per sample. */
  sampleWeight?: ArrayLike<number> | null;
  /** Value for a label with no true samples: `'warn'` (0 and a warning, default), `0`, `1` or `NaN`. */
  zeroDivision?: ZeroDivision;
}

/** Per-label accuracy table. */
export interface PerClassAccuracy {
  readonly labels: readonly number[];
  /** `correct / total` per label (the recall of each class). */
  readonly accuracy: Float64Array;
  /** Samples of the label predicted correctly (weighted when weights are given). */
  readonly correct: Float64Array;
  /** Samples whose true label is the label (weighted when weights are given). */
  readonly total: Float64Array;
}

/**
 * Accuracy within each true class — the "accuracy of ants: 92 %, bees: 85 %" table of the
 * PyTorch transfer-learning tutorial. Equal to scikit-learn's per-class recall
 * (`recall_score(average=None)`) and to the diagonal of `confusion_matrix(normalize='true')`.
 *
 * @example
 * ```ts
 * const t = perClassAccuracy([0, 0, 1, 1, 1], [0, 1, 1, 1, 0]);
 * t.accuracy; // Float64Array [0.5, 0.6666…]
 * t.correct;  // Float64Array [1, 2]
 * ```
 */
export function perClassAccuracy(
  yTrue: LabelsInput,
  yPred: LabelsInput,
  options: PerClassAccuracyOptions = {},
): PerClassAccuracy {
  const t = toLabels(yTrue, 'yTrue');
  const p = toLabels(yPred, 'yPred');
  checkSameLength(t, p);
  const weights = toWeights(options.sampleWeight, t.length);
  const zd = checkZeroDivision(options.zeroDivision);
  const labels = options.labels === undefined || options.labels === null ? uniqueLabels(t, p) : toLabelList(options.labels);
  const counts = countClasses(t, p, labels, weights);
  const zdv = zd === 'warn' || zd === 0 ? 0 : zd === 1 ? 1 : Number.NaN;
  const accuracy = new Float64Array(labels.length);
  let ill = false;
  for (let i = 0; i < labels.length; i++) {
    if (counts.true[i] === 0) {
      ill = true;
      accuracy[i] = zdv;
    } else accuracy[i] = counts.tp[i] / counts.true[i];
  }
  if (ill && zd === 'warn') {
    warn(options, {
      type: 'UndefinedMetricWarning',
      option: 'zeroDivision',
      message: `Accuracy is ill-defined and being set to 0.0 ${labels.length === 1 ? 'due to' : 'in labels with'} no true samples. Use \`zeroDivision\` option to control this behavior.`,
    });
  }
  return { labels, accuracy, correct: counts.tp, total: counts.true };
}
