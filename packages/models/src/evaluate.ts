import type { LayersModel } from '@tensorflow/tfjs-layers';
import {
  classificationReport,
  confusionMatrix,
  perClassAccuracy,
  topKAccuracy,
  type ClassificationReport,
  type ConfusionMatrix,
  type PerClassAccuracy,
} from '@dlkit/metrics';
import { checkData, checkInputShape, checkLabels, type LabeledData } from './data';
import { check } from './errors';
import { predictScores } from './predict';

/** Options of {@link evaluate}. */
export interface EvaluateOptions {
  /** Samples per forward pass. Default 256. */
  batchSize?: number;
  /** k values for top-k accuracy. Default `[1, 5]` (those ≤ the number of classes). */
  topK?: readonly number[];
  /** Class names for the report. Default `data.classNames`, else the class ids. */
  classNames?: readonly string[];
  /** Digits of the report text. Default 4. */
  digits?: number;
}

/** What {@link evaluate} returns: `@dlkit/metrics` results plus the raw predictions. */
export interface Evaluation {
  /** Top-1 accuracy. */
  accuracy: number;
  /** Mean cross-entropy of the model's probabilities (clipped at 1e-7). */
  loss: number;
  /** Predicted class of each sample. */
  predictions: Int32Array;
  /** Model outputs, `samples × classes`, row-major. */
  scores: Float32Array;
  numClasses: number;
  classNames: readonly string[];
  confusionMatrix: ConfusionMatrix;
  report: ClassificationReport;
  perClass: PerClassAccuracy;
  /** Top-k accuracy for each requested k. */
  topK: Record<number, number>;
  /** Wall time, seconds. */
  seconds: number;
}

/**
 * Evaluates a classifier on labelled data: predictions in batches, then scikit-learn-exact metrics from
 * `@dlkit/metrics` — confusion matrix, classification report, per-class accuracy and top-k accuracy.
 *
 * @example
 * ```ts
 * const ev = evaluate(model, test);
 * console.log(ev.report.text);          // like sklearn's classification_report
 * ev.topK[5];                            // top-5 accuracy
 * ```
 */
export function evaluate(model: LayersModel, data: LabeledData, options: EvaluateOptions = {}): Evaluation {
  const t0 = performance.now();
  const { n } = checkData('data', data);
  check(n > 0, 'data', '0 samples', 'at least one sample');
  checkInputShape('data', model, data.shape);
  const outShape = model.outputs[0].shape;
  const classes = outShape[outShape.length - 1];
  // Before any prediction: a bad label is named as part of `data`, not deep inside the metrics.
  if (model.outputs.length === 1 && outShape.length === 2 && typeof classes === 'number')
    checkLabels('data', data.labels, classes);
  const { data: scores, cols } = predictScores(model, data, { batchSize: options.batchSize });
  const names = options.classNames ?? data.classNames ?? Array.from({ length: cols }, (_, i) => String(i));
  check(names.length === cols, 'options.classNames', `${names.length} names`, `${cols} names (one per model output)`);
  const predictions = new Int32Array(n);
  const yTrue = Int32Array.from(data.labels);
  let loss = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (scores[i * cols + j] > scores[i * cols + best]) best = j;
    predictions[i] = best;
    const p = Math.min(1 - 1e-7, Math.max(1e-7, scores[i * cols + yTrue[i]]));
    loss -= Math.log(p);
  }
  const labels = Array.from({ length: cols }, (_, i) => i);
  const cm = confusionMatrix(yTrue, predictions, { labels });
  let correct = 0;
  for (let i = 0; i < n; i++) if (predictions[i] === yTrue[i]) correct++;
  const report = classificationReport(yTrue, predictions, {
    labels,
    targetNames: names,
    digits: options.digits ?? 4,
    zeroDivision: 0,
  });
  const perClass = perClassAccuracy(yTrue, predictions, { labels, zeroDivision: 0 });
  const topK: Record<number, number> = {};
  for (const k of options.topK ?? [1, 5]) {
    if (k <= cols) topK[k] = topKAccuracy({ data: scores, shape: [n, cols] }, yTrue, k, { labels });
  }
  return {
    accuracy: correct / n,
    loss: loss / n,
    predictions,
    scores,
    numClasses: cols,
    classNames: names,
    confusionMatrix: cm,
    report,
    perClass,
    topK,
    seconds: (performance.now() - t0) / 1000,
  };
}
