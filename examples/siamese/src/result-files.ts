import { recordLatestReport, type Stopwatch, writeJson } from '@dlkit-examples/common';
import type { ClassDistances } from '@dlkit/siamese';
import type { RunEstimate } from './estimate';
import type { ExperimentOptions } from './options';
import type { SettingResult } from './setting-run';
import type { SupervisedReference } from './supervised-reference';

/** The figures of a finished run that the JSON file and the results page record. */
export interface RunRecord {
  engine: string;
  /** The time estimate printed before training. */
  estimate: RunEstimate;
  testImages: number;
  baselineAccuracy: number;
  /** Mean same-/different-class distances of the untrained net's test embeddings. */
  baselineDistances: ClassDistances;
  results: readonly SettingResult[];
  /** The twin's network trained with labels (`--supervised N`), or null. */
  supervised: SupervisedReference | null;
  clock: Stopwatch;
  htmlPath: string;
}

/** Writes all results (without the SVG pictures) to `opts.jsonPath`, when `--json` was given. */
export async function writeResultsJson(opts: ExperimentOptions, run: RunRecord): Promise<void> {
  if (opts.jsonPath === undefined) return;
  await writeJson(opts.jsonPath, {
    dataset: opts.dataName,
    engine: run.engine,
    steps: opts.steps,
    batchSize: opts.batchSize,
    sameFraction: opts.sameFraction,
    margin: opts.margin,
    learningRate: opts.lr,
    embeddingSize: opts.embeddingSize,
    filters: opts.filters,
    hidden: opts.hidden,
    augment: opts.augment,
    // true: every setting started from the supervised reference's trained network, not its initial weights.
    fineTune: opts.fineTune,
    // The trained classifier every setting started from (--start-from: its model.json and epoch), or null.
    startFrom: run.supervised?.loadedFrom ?? null,
    seed: opts.seed,
    testImages: run.testImages,
    evalPairs: opts.evalPairCount,
    untrainedSvmAccuracy: run.baselineAccuracy,
    untrainedDistances: run.baselineDistances,
    results: run.results.map(({ tsneSvg, lossSvg, ...r }) => r),
    supervisedReference: run.supervised,
    estimate: {
      secondsPerImage: run.estimate.secondsPerImage,
      seconds: run.estimate.seconds,
      stepsLeft: run.estimate.stepsLeft,
    },
    timing: run.clock.record(),
    report_html: run.htmlPath,
  });
  console.log(`results: ${opts.jsonPath}`);
}

/** Records this run as the example's latest for the results page (`pnpm results`), in its `--out` folder. */
export async function recordLatest(opts: ExperimentOptions, run: RunRecord): Promise<void> {
  const { dataName, steps, batchSize, jsonPath, outDir } = opts;
  await recordLatestReport(outDir, {
    example: 'siamese',
    title: `Twin ConvNets, contrastive loss, ${dataName}: ${run.results.map((r) => r.setting).join(' / ')}, ${steps} steps × ${batchSize} pairs`,
    headline: {
      untrained: run.baselineAccuracy.toFixed(3),
      ...Object.fromEntries(run.results.map((r) => [`${r.setting} SVM accuracy`, r.svmAccuracy.toFixed(3)])),
      ...(run.supervised === null
        ? {}
        : {
            [run.supervised.loadedFrom === null ? 'supervised reference SVM accuracy' : 'start network SVM accuracy']:
              run.supervised.svmAccuracy.toFixed(3),
          }),
      time: `${run.clock.record().total.toFixed(0)} s`,
    },
    html: run.htmlPath,
    ...(jsonPath === undefined ? {} : { json: jsonPath }),
  });
}
