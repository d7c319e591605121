/**
 * The small-data sweep of the Torch-tutorial MNIST ConvNet (@dlkit/models' mnistConvNet): pooling, nstates,
 * activation and dropout varied one at a time around the baseline on 600 training images for 5 epochs, each
 * setting over several seeds; then the best setting trained on the full training set. Table on stdout, HTML
 * report with plots, optional JSON. This file only wires the command line; the work is in sweep.ts and report.ts.
 *
 *   pnpm --filter @dlkit-examples/convnet-sweep start
 *   pnpm --filter @dlkit-examples/convnet-sweep start -- --quick
 *   pnpm --filter @dlkit-examples/convnet-sweep start -- --data fashion --estimate-only
 *
 * Before the sweep it times a few batches of every setting's net and prints how long the sweep and the full run
 * will take (`estimated time: …`); `--estimate-only` stops there.
 */
import { join, resolve } from 'node:path';
import { initBackend } from '@dlkit/backend';
import {
  epochLogger,
  exitOnError,
  parseCli,
  recordLatestReport,
  stopwatch,
  writeFileAtomicText,
  writeJson,
} from '@dlkit-examples/common';
import { fixedSubset, loadSweepData, type DataVariant } from './data';
import { SweepError } from './errors';
import { estimateSweep } from './estimate';
import { trainFull, type FullRunResult } from './full-run';
import { sweepJson, sweepReportHtml, sweepTableText, type RunInfo } from './report';
import { formatSweepReport } from '@dlkit/sweep';
import { BASELINE, DEFAULT_LEVELS, FACTORS, sweepDesign, type Factor } from './settings';
import { QUICK } from './quick';
import type { RunResult } from './sweep';
import { runSweepTrials } from './sweep-runner';

const USAGE = `Usage: convnet-sweep [options]
  --samples N          training images per run (default 600; --quick 200)
  --epochs N           epochs per run (default 5; --quick 3)
  --seeds N            repetitions of every setting, seeds --seed … --seed+N-1 (default 3; --quick 2)
  --factors LIST       factors to vary, from pooling,nstates,activation,dropout (default all four)
  --eval-size N        test images every sweep run is evaluated on, a fixed stratified draw (default 1000)
  --full-epochs N      epochs of the best setting on the full training set; 0 skips it (default 3; --quick 1)
  --full-samples N     training images of the full run (default all: 8,000 mnist, 60,000 fashion)
  --batch-size N       mini-batch size (default 32)
  --lr X               Adam learning rate (default 0.001)
  --data mnist|fashion the bundled MNIST sample (default) or full Fashion-MNIST
  --root DIR           Fashion-MNIST IDX folder (default /usr/share/datasets/fashion-mnist)
  --quick              tiny nets and sizes, for a smoke run in well under a minute
  --seed N             first seed (default 1)
  --workers N          sweep runs at once, each in its own process (default cores / 1 thread per run);
                       0 runs them one after another in this process
  --redis URL          run the sweep on dlkit-worker processes through Redis (any machine):
                       pnpm --filter @dlkit-examples/convnet-sweep worker -- --redis URL
  --results FILE       JSON lines of every run as it finishes; a re-run skips the runs already there
  --out DIR            report folder (default examples/convnet-sweep/reports)
  --json FILE          also write every metric and timing as JSON
  --estimate-only      print the measured time estimate and stop
  -h, --help           this text`;

/** What to do on this command line when Fashion-MNIST cannot be read (the loader's hint is for library users). */
const FASHION_ROOT_HINT =
  '--root DIR takes the folder of the Fashion-MNIST IDX files (train-images-idx3-ubyte[.gz], …; default ' +
  '/usr/share/datasets/fashion-mnist of Debian: apt-get install dataset-fashion-mnist)';

async function main(): Promise<void> {
  const cli = parseCli('convnet-sweep', USAGE, {
    samples: { type: 'string' },
    epochs: { type: 'string' },
    seeds: { type: 'string' },
    factors: { type: 'string' },
    'eval-size': { type: 'string' },
    'full-epochs': { type: 'string' },
    'full-samples': { type: 'string' },
    'batch-size': { type: 'string' },
    lr: { type: 'string' },
    data: { type: 'string' },
    root: { type: 'string' },
    quick: { type: 'boolean' },
    workers: { type: 'string' },
    redis: { type: 'string' },
    results: { type: 'string' },
    'estimate-only': { type: 'boolean' },
  });
  const quick = cli.flag('quick');
  const variant: DataVariant = cli.choice('data', ['mnist', 'fashion'] as const, 'mnist');
  const samples = cli.int('samples', quick ? QUICK.samples : 600);
  const epochs = cli.int('epochs', quick ? QUICK.epochs : 5);
  const seeds = cli.int('seeds', quick ? QUICK.seeds : 3);
  const factors = cli.list<Factor>('factors', FACTORS, FACTORS);
  const evalSize = cli.int('eval-size', quick ? QUICK.evalSize : 1000);
  const fullEpochs = cli.int('full-epochs', quick ? 1 : 3, 0);
  const fullSamplesFlag = cli.str('full-samples') === undefined ? undefined : cli.int('full-samples', 1);
  const batchSize = cli.int('batch-size', 32);
  const learningRate = cli.float('lr', 0.001);
  if (learningRate <= 0) cli.die('--lr must be positive');
  const seed = cli.int('seed', 1, 0);
  const workers = cli.str('workers') === undefined ? undefined : cli.int('workers', 1, 0);
  const redis = cli.str('redis');
  if (redis !== undefined && workers !== undefined)
    cli.die('--workers and --redis exclude each other: with --redis, the dlkit-worker processes run the sweep');
  const resultsFile = cli.str('results') === undefined ? undefined : resolve(cli.str('results') as string);
  const outDir = resolve(cli.str('out') ?? join(import.meta.dirname, '..', 'reports'));
  const sw = stopwatch();
  const cpuStart = process.cpuUsage();

  const engine = await sw.time('start engine', () => initBackend());
  console.log(`engine: ${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'}) — ${engine.reason}`);
  const data = await sw.time('load data', () => loadSweepData(variant, { root: cli.str('root') }));
  if (samples > data.train.shape[0]) cli.die(`--samples is at most ${data.train.shape[0]} for --data ${variant}`);
  const evalSet = fixedSubset(data.test, evalSize);
  const fullSamples = Math.min(fullSamplesFlag ?? (quick ? QUICK.fullSamples : Infinity), data.train.shape[0]);
  const fullTrain = fullSamples >= data.train.shape[0] ? data.train : fixedSubset(data.train, fullSamples, seed);
  console.log(
    `${data.title}: ${data.train.shape[0]} train / ${data.test.shape[0]} test images; sweep runs use ${samples} train and ${evalSet.shape[0]} test images`,
  );

  const baseline = quick ? QUICK.baseline : BASELINE;
  const design = sweepDesign(factors, baseline, quick ? QUICK.levels : DEFAULT_LEVELS);
  const total = seeds * design.settings.length;
  // Measured here and now (a few batches per setting), so the figure reflects this machine and its load.
  const estimate = await sw.time('estimate', () =>
    estimateSweep(
      {
        settings: design.settings,
        baseline,
        samples,
        epochs,
        seeds,
        evalSize: evalSet.shape[0],
        fullEpochs,
        fullTrainImages: fullTrain.shape[0],
        testImages: data.test.shape[0],
        batchSize,
        learningRate,
        seed,
      },
      data.train,
    ),
  );
  console.log(estimate.line);
  if (cli.flag('estimate-only')) return;
  const width = String(total).length;
  const { sweep, report: trials } = await sw.time('sweep', () =>
    runSweepTrials({
      data: variant,
      ...(cli.str('root') === undefined ? {} : { root: cli.str('root') }),
      factors,
      samples,
      epochs,
      seeds,
      seed,
      evalSize: evalSet.shape[0],
      batchSize,
      learningRate,
      ...(quick ? { baseline: QUICK.baseline, levels: QUICK.levels } : {}),
      ...(workers === undefined ? {} : { workers }),
      ...(redis === undefined ? {} : { redis }),
      ...(resultsFile === undefined ? {} : { resultsFile }),
      onResult: (r, done) => {
        const run = r.result as unknown as RunResult | undefined;
        console.log(
          `[${String(done.finished).padStart(width)}/${done.total}] ${r.id.padEnd(34)} ${run ? `acc ${(run.accuracy * 100).toFixed(2).padStart(6)} %  train ${run.trainSeconds.toFixed(1)} s` : `FAILED ${r.error?.message ?? ''}`}  ${done.reused ? '(from --results)' : `on ${r.where.host}/${r.where.pid}/${r.where.worker}`}`,
        );
      },
    }),
  );
  console.log(`\n${formatSweepReport(trials)}`);
  console.log(`\n${sweepTableText(sweep)}\n`);

  const best = sweep.settings.find((s) => s.id === sweep.best);
  let full: FullRunResult | null = null;
  if (fullEpochs > 0 && best) {
    console.log(
      `Best setting on ${fullTrain.shape[0]} training images, ${fullEpochs} epoch${fullEpochs === 1 ? '' : 's'}: ${best.description}`,
    );
    full = await sw.time('full run', () =>
      trainFull(best.setting, fullTrain, data.test, {
        epochs: fullEpochs,
        seed,
        batchSize,
        learningRate,
        onProgress: epochLogger('full'),
      }),
    );
    console.log(`\nTest set (${full.testSamples} images):\n\n${full.evaluation.report.text}`);
    console.log(`test accuracy ${(full.evaluation.accuracy * 100).toFixed(2)} %   (training ${full.trainSeconds.toFixed(1)} s)`);
  }

  const info: RunInfo = {
    dataset: data.title,
    engine: `${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})`,
    ...(quick ? { mode: 'quick (tiny nets; not the seed protocol)' } : {}),
  };
  const cpu = process.cpuUsage(cpuStart);
  // CPU seconds of this process (all engine threads): on a busy machine the wall times above include waiting.
  const timing: Record<string, number> = { ...sw.record(), 'cpu (process)': (cpu.user + cpu.system) / 1e6 };
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const htmlPath = join(outDir, `convnet-sweep-${variant}-${stamp}.html`);
  await writeFileAtomicText(htmlPath, sweepReportHtml(sweep, full, info, timing));
  console.log(`report: ${htmlPath}`);
  const jsonFlag = cli.str('json');
  const trialRows = trials.records.map((r) => ({
    id: r.id,
    key: r.key,
    seed: r.seed,
    status: r.status,
    where: r.where,
    seconds: r.seconds,
    processSeconds: r.processSeconds,
    attempts: r.attempts,
  }));
  const jsonPath =
    jsonFlag === undefined
      ? undefined
      : await writeJson(resolve(jsonFlag), {
          ...sweepJson(sweep, full, info, timing),
          estimate: {
            secondsPerImage: estimate.secondsPerImage,
            sweepSeconds: estimate.sweepSeconds,
            fullSeconds: estimate.fullSeconds,
          },
          trials: { mode: trials.mode, workers: trials.workers, reused: trials.reused, runs: trialRows },
        });
  if (jsonPath) console.log(`json: ${jsonPath}`);
  const bestRow = best
    ? `${best.description}: ${(best.accuracy.mean * 100).toFixed(2)} ± ${(best.accuracy.std * 100).toFixed(2)} %`
    : '–';
  await recordLatestReport(outDir, {
    example: 'convnet-sweep',
    title: `Torch-tutorial ConvNet sweep (${factors.join(', ')}) on ${samples} ${data.title} images × ${epochs} epochs × ${seeds} seeds`,
    headline: {
      'best in sweep': bestRow,
      ...(full
        ? {
            'best on full data': `${(full.evaluation.accuracy * 100).toFixed(2)} % (${full.trainSamples} train, ${full.epochs} epoch${full.epochs === 1 ? '' : 's'})`,
          }
        : {}),
      'total time': `${timing.total.toFixed(0)} s wall, ${timing['cpu (process)'].toFixed(0)} s CPU`,
    },
    html: htmlPath,
    ...(jsonPath ? { json: jsonPath } : {}),
    ...(quick ? { note: 'quick run: tiny nets and sizes' } : {}),
  });
  console.log(
    `total ${timing.total.toFixed(1)} s (sweep ${timing.sweep.toFixed(1)} s${full ? `, full run ${timing['full run'].toFixed(1)} s` : ''}; process CPU ${timing['cpu (process)'].toFixed(1)} s)`,
  );
}

main().catch(
  exitOnError('convnet-sweep', {
    usageErrors: [SweepError],
    // Fashion-MNIST only: the bundled MNIST sample's errors keep their own hint.
    dataHint: { 'fashion-mnist': FASHION_ROOT_HINT },
  }),
);
