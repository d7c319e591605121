export { MetricsError } from './errors';
export { setWarningHandler } from './warnings';
export type { MetricWarning, WarningHandler, WarningOptions } from './warnings';
export type { LabelsInput, MatrixInput, TensorLike } from './input';
export { confusionMatrix } from './confusion-matrix';
export type { ConfusionMatrix, ConfusionMatrixOptions, ConfusionNormalize } from './confusion-matrix';
export { accuracy } from './accuracy';
export type { AccuracyOptions } from './accuracy';
export { precisionRecallFscoreSupport } from './precision-recall-fscore';
export type { Average, AveragedScores, PerClassScores, PrfsOptions, ZeroDivision } from './precision-recall-fscore';
export { precision } from './precision';
export type { ScoreOptions } from './precision';
export { recall } from './recall';
export { f1 } from './f1';
export { fbeta } from './fbeta';
export { classificationReport } from './classification-report';
export type { ClassificationReport, ClassificationReportOptions, ReportDictRow, ReportRow } from './classification-report';
export { topKAccuracy, topKError } from './top-k';
export type { TopKOptions } from './top-k';
export { perClassAccuracy } from './per-class-accuracy';
export type { PerClassAccuracy, PerClassAccuracyOptions } from './per-class-accuracy';
export { balancedAccuracy } from './balanced-accuracy';
export type { BalancedAccuracyOptions } from './balanced-accuracy';
export { perplexity, perplexityFromLogProbs } from './perplexity';
export type { PerplexityOptions } from './perplexity';
export { createMetricAccumulator } from './accumulator';
export type {
  AccumulatorResult,
  AccumulatorResultOptions,
  MetricAccumulator,
  MetricAccumulatorOptions,
} from './accumulator';
