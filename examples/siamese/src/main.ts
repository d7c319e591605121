/**
 * The siamese experiment: a twin ConvNet trained with the contrastive loss on same/different-class pairs of
 * Fashion-MNIST (or CIFAR-10), in the three settings of the report — loss form 1 + anchor sampling, loss
 * form 2 + anchor sampling, loss form 2 + random sampling — then one-vs-rest linear-SVM accuracy (80/20) on
 * the embeddings of test images, loss curves (SVG) and t-SNE pictures (SVG + PNG) of each embedding.
 *
 *   pnpm --filter @dlkit-examples/siamese start
 *   pnpm --filter @dlkit-examples/siamese start -- --steps 3000 --test 10000 --json out/siamese.json
 *   pnpm --filter @dlkit-examples/siamese start -- --steps 3000 --test 10000 --estimate-only
 *   pnpm --filter @dlkit-examples/siamese start -- --steps 48000 --checkpoint ck --resume   # again after a stop
 *
 * Before training it times a few steps of a throwaway twin and prints how long the run will take
 * (`estimated time: …`, with `--resume` only what is left); `--estimate-only` stops there.
 */
import { join } from 'node:path';
import { initBackend } from '@dlkit/backend';
import { exitOnError, ModelSourceError, stopwatch, writeFileAtomicText } from '@dlkit-examples/common';
import { type ExperimentData, loadExperimentData } from './data';
import { estimateRun } from './estimate';
import { fineTuneMarginNote, referenceMargin } from './fine-tune';
import { type ExperimentOptions, parseOptions, type Setting } from './options';
import { lossChart } from './pictures';
import { reportPage } from './report-page';
import { recordFlags, resumeProgress, supervisedProgress } from './resume';
import { recordLatest, writeResultsJson } from './result-files';
import { runSetting, type SettingResult, untrainedBaseline } from './setting-run';
import { printSummary } from './summary';
import {
  type StartNetwork,
  checkStartFits,
  openStartNetwork,
  startReference,
  startTwin,
  untrainedStartTwin,
} from './start-network';
import { type SupervisedRun, supervisedReference } from './supervised-reference';

function describeRun(data: ExperimentData, opts: ExperimentOptions): void {
  const [h, w, c] = data.inputShape;
  const from = opts.fineTune
    ? ', each starting from the supervised reference'
    : opts.startFrom
      ? ', each starting from the start network'
      : '';
  console.log(
    `${opts.dataName}: ${data.train.shape[0]} training images ${h}×${w}×${c}; ${opts.steps} steps × ${opts.batchSize} pairs per setting${opts.augment ? ' (random crop + flip every step)' : ''}${from}; ` +
      `SVM on ${data.testSubset.length} test embeddings (80/20); ${opts.evalPairCount} held-out pairs`,
  );
}

/** Held-out loss curves of all settings together (the forms have different scales, so compare shapes). */
async function writeLossOverview(results: readonly SettingResult[], outDir: string): Promise<string> {
  const lossAll = lossChart(
    results.map((r) => ({ name: r.setting, history: r.history })),
    'Held-out contrastive loss',
    false,
  );
  await writeFileAtomicText(join(outDir, 'loss-all.svg'), lossAll);
  return lossAll;
}

/** What to do on this command line when the data cannot be read (the loader's hint is for library users). */
const ROOT_HINT = {
  'fashion-mnist':
    '--root DIR takes the folder of the Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], …; default ' +
    '/usr/share/datasets/fashion-mnist of Debian: apt-get install dataset-fashion-mnist)',
  cifar10:
    '--root DIR takes a folder with cifar-10-batches-bin, an image tree train|test/<class>/*.jpg, or a .tar/.tar.gz ' +
    'of either (default: the dataset cache)',
};

/** Stops before any work with a message (no usage: the flags parsed, the checkpoint folder does not fit them). */
function refuse(message: string): never {
  console.error(`siamese: ${message}`);
  process.exit(2);
}

async function main(): Promise<void> {
  const opts = parseOptions();
  // What a resumed run will not train again; a checkpoint it cannot continue stops it here, before any work.
  const progress = await resumeProgress(opts).catch((e: Error) => refuse(e.message));
  const supervisedDone = await supervisedProgress(opts).catch((e: Error) => refuse(e.message));
  const clock = stopwatch();
  // A named engine is required, as in the other examples: --engine tfjs-node without it stops, it does not quietly
  // train on wasm.
  const info = await initBackend({ ...(opts.engine ? { prefer: opts.engine, strict: true } : {}), threads: opts.threads });
  console.log(`engine: ${info.reason}`);
  // A wrong --start-from path fails before the images are read.
  const start: StartNetwork | null = opts.startFrom === undefined ? null : await openStartNetwork(opts.startFrom);
  if (start !== null) {
    const inputs =
      start.stats === null ? 'pixels ÷ 255 (no preprocessing.json beside it)' : `standardised with ${start.stats.file}`;
    console.log(`start network: ${start.source.label}, cut at ${start.cutLayer}; inputs ${inputs}`);
  }
  const data = await loadExperimentData(opts, start?.stats?.values ?? null);
  if (start !== null) checkStartFits(start, data);
  describeRun(data, opts);
  // Measured here and now, so the figure reflects this machine and its load.
  const estimate = await clock.time('estimate', () =>
    estimateRun(data, opts, progress, supervisedDone, start === null ? null : () => untrainedStartTwin(start)),
  );
  console.log(estimate.line);
  if (opts.estimateOnly) return;
  if (opts.checkpointDir !== undefined) {
    await recordFlags(opts);
    const folders =
      opts.supervisedEpochs > 0 ? 'one folder per setting and one for the supervised reference' : 'one folder per setting';
    console.log(`checkpoints: ${opts.checkpointDir}, ${folders}${opts.resume ? ' (resuming)' : ''}`);
  }

  const t0 = Date.now();
  const baseline = await untrainedBaseline(data, opts, start === null ? null : () => untrainedStartTwin(start));
  // With --fine-tune the reference trains first: the settings start from its network. With --start-from the
  // loaded network is the reference.
  const runReference = async () => {
    const run = await supervisedReference(data, opts);
    clock.add('supervised reference', run.reference.trainSeconds);
    return run;
  };
  const early: SupervisedRun | null = opts.fineTune
    ? await runReference()
    : start !== null
      ? { reference: await startReference(start, data, opts.seed), trainedWeights: null }
      : null;
  const { margin } = opts;
  const marginNote = early && margin !== 'auto' && fineTuneMarginNote(early.reference.distances, margin, opts.settings);
  if (marginNote) console.log(marginNote);
  const marginOf = (setting: Setting): number => {
    if (typeof margin === 'number') return margin;
    // parseOptions accepts --margin auto only with --fine-tune or --start-from, so the reference is there.
    if (early === null) throw new Error('--margin auto needs --fine-tune or --start-from');
    return referenceMargin(early.reference.distances, setting.form);
  };
  const results: SettingResult[] = [];
  try {
    for (const setting of opts.settings) {
      const result = await runSetting(
        setting,
        {
          margin: marginOf(setting),
          weights: early?.trainedWeights ?? null,
          network: start === null ? null : () => startTwin(start),
        },
        data,
        opts,
      );
      results.push(result);
      clock.add(`train ${setting.name}`, result.trainSeconds);
    }
  } finally {
    for (const w of early?.trainedWeights ?? []) w.dispose();
  }
  const supervised = early?.reference ?? (opts.supervisedEpochs > 0 ? (await runReference()).reference : null);
  const lossAll = await writeLossOverview(results, opts.outDir);
  const verdictLine = printSummary(baseline, results, supervised);
  console.log(`total ${((Date.now() - t0) / 1000).toFixed(0)} s; pictures and histories in ${opts.outDir}`);

  const testImages = data.testSubset.length;
  const html = reportPage(opts, {
    trainImages: data.train.shape[0],
    testImages,
    engine: info.engine,
    baselineAccuracy: baseline.accuracy,
    baselineDistances: baseline.distances,
    results,
    supervised,
    verdictLine,
    lossAll,
  });
  const htmlPath = await writeFileAtomicText(join(opts.outDir, 'index.html'), html);
  console.log(`report: ${htmlPath}`);
  const run = {
    engine: info.engine,
    estimate,
    testImages,
    baselineAccuracy: baseline.accuracy,
    baselineDistances: baseline.distances,
    results,
    supervised,
    clock,
    htmlPath,
  };
  await writeResultsJson(opts, run);
  await recordLatest(opts, run);
}

// Caught here, not left to the top-level await: the wasm engine rethrows an unhandled rejection from its own
// handler, which prints a line of its minified source before the error.
main().catch(exitOnError('siamese', { engineFlag: true, dataHint: ROOT_HINT, usageErrors: [ModelSourceError] }));
