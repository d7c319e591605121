export { MetricsError } from './errors.js';
export { setWarningHandler } from './warnings.js';
export type { MetricWarning, WarningHandler, WarningOptions } from './warnings.js';
export type { LabelsInput, MatrixInput, TensorLike } from './input.js';
export { confusionMatrix } from './confusion-matrix.js';
export type { ConfusionMatrix, ConfusionMatrixOptions, ConfusionNormalize } from './confusion-matrix.js';
export { accuracy } from './accuracy.js';
export type { AccuracyOptions } from './accuracy.js';
export { precisionRecallFscoreSupport } from './precision-recall-fscore.js';
export type { Average, AveragedScores, PerClassScores, PrfsOptions, ZeroDivision } from './precision-recall-fscore.js';
export { precision } from './precision.js';
export type { ScoreOptions } from './precision.js';
export { recall } from './recall.js';
export { f1 } from './f1.js';
export { fbeta } from './fbeta.js';
export { classificationReport } from './classification-report.js';
export type { ClassificationReport, ClassificationReportOptions, ReportDictRow, ReportRow } from './classification-report.js';
export { topKAccuracy, topKError } from './top-k.js';
export type { TopKOptions } from './top-k.js';
export { perClassAccuracy } from './per-class-accuracy.js';
export type { PerClassAccuracy, PerClassAccuracyOptions } from './per-class-accuracy.js';
export { balancedAccuracy } from './balanced-accuracy.js';
export type { BalancedAccuracyOptions } from './balanced-accuracy.js';
export { perplexity, perplexityFromLogProbs } from './perplexity.js';
export type { PerplexityOptions } from './perplexity.js';
export { createMetricAccumulator } from './accumulator.js';
export type {
  AccumulatorResult,
  AccumulatorResultOptions,
  MetricAccumulator,
  MetricAccumulatorOptions,
} from './accumulator.js';
