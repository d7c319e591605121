import { dirname, relative } from 'node:path';
import { recordLatestReport, writeJson } from '@dlkit-examples/common';
import type { Data } from './data';
import type { Row } from './embedding';
import type { RunEstimate } from './estimate';
import type { Options } from './options';
import { table } from './results-table';
import type { SnapshotRun } from './snapshot-training';
import type { Timing } from './timing';

/** Everything the run produced that its summary reports. */
export interface RunOutcome {
  engineName: string;
  /** The network as the JSON names it. */
  model: string;
  /** The time estimate printed before training. */
  estimate: RunEstimate;
  run: SnapshotRun;
  rows: Row[];
  htmlPath: string;
  timing: Timing;
}

/**
 * Prints the results table and the output files, writes the JSON summary when --json asks for it, records the run
 * for the results page and prints the total time.
 */
export async function reportRun(options: Options, data: Data, outcome: RunOutcome): Promise<void> {
  const { rows, htmlPath, timing } = outcome;
  console.log(`\n${table(rows, options.k)}\n`);
  console.log(`pictures: ${options.outDir}/<layer>-epoch<N>.{svg,png} (${rows.length * 2} files)`);
  console.log(`page:     ${htmlPath}`);
  if (options.jsonPath !== undefined) {
    await writeSummaryJson(options.jsonPath, options, data, outcome);
    console.log(`json:     ${options.jsonPath}`);
  }
  await recordLatest(options, data, outcome);
  console.log(
    `total ${timing.total.toFixed(1)} s (training + feature capture ${timing['train + capture'].toFixed(1)} s, ` +
      `PCA ${timing.pca.toFixed(1)} s, t-SNE ${timing.tsne.toFixed(1)} s, quality ${timing.quality.toFixed(1)} s)`,
  );
}

/** The JSON summary: options, training history, one entry per embedding (files relative to the JSON), timings. */
async function writeSummaryJson(jsonPath: string, options: Options, data: Data, outcome: RunOutcome): Promise<void> {
  const summary = {
    dataset: options.variant,
    source: data.source,
    engine: outcome.engineName,
    trainSamples: data.trainSize,
    testSamples: data.testSize,
    model: outcome.model,
    options: {
      epochs: options.epochs,
      snapshots: options.snapshots,
      layers: options.layerNames,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      pca: options.pcaDims,
      perplexity: options.perplexity,
      iterations: options.nIter,
      k: options.k,
      seed: options.seed,
    },
    history: outcome.run.history,
    snapshots: outcome.rows.map(({ svg, png, ...r }) => ({
      ...r,
      files: { svg: relative(dirname(jsonPath), svg), png: relative(dirname(jsonPath), png) },
    })),
    html: relative(dirname(jsonPath), outcome.htmlPath),
    estimate: { secondsPerImage: outcome.estimate.secondsPerImage, seconds: outcome.estimate.seconds },
    timing: outcome.timing,
  };
  await writeJson(jsonPath, summary);
}

/** Records this run as the example's latest for the results page (`pnpm results`), in its `--out` folder. */
async function recordLatest(options: Options, data: Data, outcome: RunOutcome): Promise<void> {
  const { snapshots, layerNames, pcaDims, k, jsonPath, outDir } = options;
  const last = snapshots[snapshots.length - 1];
  await recordLatestReport(outDir, {
    example: 'tsne-features',
    title: `PCA → ${pcaDims} + t-SNE of ConvNet features (${layerNames.join(', ')}) at epochs ${snapshots.join(', ')} — ${data.title}, ${data.testSize} test images`,
    headline: {
      [`test accuracy @ epoch ${last}`]: `${((outcome.run.testAccuracy.get(last) ?? NaN) * 100).toFixed(1)} %`,
      ...Object.fromEntries(
        outcome.rows
          .filter((r) => r.epoch === last || r.epoch === snapshots[0])
          .map((r) => [`${k}-NN acc (2-D) ${r.layer} @ ${r.epoch}`, `${(r.knnAccuracy * 100).toFixed(1)} %`]),
      ),
      time: `${outcome.timing.total.toFixed(0)} s`,
      'estimated beforehand': `${outcome.estimate.seconds.toFixed(0)} s (PCA, t-SNE not counted)`,
    },
    html: outcome.htmlPath,
    ...(jsonPath === undefined ? {} : { json: jsonPath }),
  });
}
