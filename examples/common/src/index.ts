export { parseCli } from './cli';
export type { Cli, FlagSpec } from './cli';
export { CliError, describeFailure, exitOnError, withHint } from './cli-error';
export type { CliErrorOptions, CliFailure, ErrorClass } from './cli-error';
export { isInstalled } from './installed';
export { stopwatch } from './stopwatch';
export type { Stopwatch } from './stopwatch';
export { writeJson } from './json-output';
export { writeFileAtomicText } from './text-output';
// Binary files (PNG) go through the models package's atomic writer directly.
export { writeFileAtomic } from '@dlkit/models';
export { epochLogger, interactive } from './epoch-log';
export { recordLatestReport, readLatestReport, LATEST_FILE } from './latest-report';
export type { LatestReport } from './latest-report';
export { collectLatestReports, resultsPageHtml } from './results-page';
export type { ResultsEntry } from './results-page';
export {
  loadCifarOrStandIn,
  writeCutCifar10Batches,
  writeSyntheticCifar,
  syntheticCifar10Records,
  syntheticCifar100Records,
} from './synthetic-cifar';
export type { SyntheticCifarOptions, CifarSource, LoadCifarOrStandInOptions } from './synthetic-cifar';
export { textTable, pct, secs } from './text-table';
export { firstImages } from './first-images';
export { estimateSeconds, formatEstimate, measureSecondsPerImage, SCORED_IMAGE_COST } from './time-estimate';
export type { MeasureOptions, RunSize } from './time-estimate';
export { PREPROCESSING_FILE, readPreprocessing, writePreprocessing } from './preprocessing-record';
export type { PreprocessingRecord } from './preprocessing-record';
export { ModelSourceError, resolveModelSource, storedPreprocessing } from './model-source';
export type { ModelSource } from './model-source';
export { markupProblems, readPng } from './well-formed';
export type { PngInfo } from './well-formed';
