/**
 * The CIFAR-10 studies: CifarNet (batch size, L2, dropout), the deep net (ReLU/sigmoid/tanh, momentum, Adadelta,
 * batch norm) and the conv × fc depth grid — tables on stdout, an HTML report, optional JSON.
 *
 *   pnpm --filter @dlkit-examples/cifar-cnn start
 *   pnpm --filter @dlkit-examples/cifar-cnn start -- --root ~/data/cifar --epochs 10 --limit 10000 --augment
 */
import { join, resolve } from 'node:path';
import { initBackend } from '@dlkit/backend';
import { formatSweepReport } from '@dlkit/sweep';
import { exitOnError, parseCli, recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { loadData, type LoadDataOptions } from './data';
import { estimateRun } from './estimate';
import { CifarCnnError } from './errors';
import { findings } from './findings';
import { readPytorchRun } from './pytorch-run';
import { htmlReport } from './report';
import type { VariantResult } from './run-variant';
import { describeProgress, variantProgress } from './remaining';
import { runStudiesAsTrials, variantSweep, type VariantTrialsSpec } from './study-runner';
import type { RunSummary } from './summary';
import { gridTable, studyTable } from './tables';
import { ALL_STUDY_IDS, STUDY_IDS, studyPlan, variantSlug, type VariantSpec } from './variants';

const USAGE = `Usage: cifar-cnn [options]
  --studies LIST         tf,cifarnet,deep,grid (default cifarnet,deep,grid; --full: tf)
  --full                 seed 004 at its size: the tf study on all 50 000 / 10 000 images of --root, 30 epochs,
                         augmented, η × 0.1 after epoch 15 (the time is measured and printed before it starts)
  --epochs N             epochs per variant (default 3; --quick 1; --full 30)
  --lr-step N            multiply η by --lr-gamma every N epochs (default none; --full 15)
  --lr-gamma F           factor of the step schedule (default 0.1)
  --checkpoint DIR       a checkpoint per variant after every epoch (DIR/<study>-<variant>/)
  --resume               continue every variant from its newest checkpoint in --checkpoint DIR
  --pytorch FILE         JSON of pytorch/cifar_tf_net.py on the same files: printed and stored next to dlkit's
  --estimate-only        print the measured time estimate and stop
  --baseline-only        train only the baseline variant of each study
  --train-per-class N    stand-in training images per class (default 100; --quick 20)
  --test-per-class N     stand-in test images per class (default 50; --quick 10)
  --limit N              use N training images, a stratified draw (default: 10 × train-per-class, also for real CIFAR-10)
  --test-limit N         use N test images (stratified) (default: 10 × test-per-class)
  --root PATH            CIFAR-10 as loadCifar10 reads it: a folder with cifar-10-batches-bin or an image tree
                         train|test/<class>/*.jpg, or a .tar/.tar.gz of either; a PATH without CIFAR-10 is an error
                         (default: the dataset cache; else the stand-in)
  --augment              random crop (pad 4) + horizontal flip, redrawn every epoch
  --grid-conv LIST       conv depths of the grid (default 2,4,7; --quick 2,4)
  --grid-fc LIST         hidden fc layer counts of the grid, each ≤ 2 (default 0,1,2; --quick 0,2)
  --quick                a one-minute check: 1 epoch, 200 training images, a 2 × 2 grid
  --seed N               seed of the weights, shuffling, augmentation and stand-in (default 1)
  --out DIR              report folder (default ./reports)
  --json FILE            also write every number as JSON
  --threads N            engine threads of each variant's run (default 1; e.g. 2 for one long --baseline-only run)
  --workers N            variants at once, each in its own process (default cores / --threads);
                         0 runs them one after another in this process
  --redis URL            run the variants on dlkit-worker processes through Redis (any machine):
                         pnpm --filter @dlkit-examples/cifar-cnn worker -- --redis URL
  --results FILE         JSON lines of every variant as it finishes; a re-run skips the ones already there
  -h, --help             this text`;

async function main(): Promise<void> {
  const cli = parseCli('cifar-cnn', USAGE, {
    studies: { type: 'string' },
    epochs: { type: 'string' },
    'train-per-class': { type: 'string' },
    'test-per-class': { type: 'string' },
    limit: { type: 'string' },
    'test-limit': { type: 'string' },
    root: { type: 'string' },
    augment: { type: 'boolean' },
    'grid-conv': { type: 'string' },
    'grid-fc': { type: 'string' },
    quick: { type: 'boolean' },
    workers: { type: 'string' },
    threads: { type: 'string' },
    redis: { type: 'string' },
    results: { type: 'string' },
    full: { type: 'boolean' },
    'lr-step': { type: 'string' },
    'lr-gamma': { type: 'string' },
    checkpoint: { type: 'string' },
    resume: { type: 'boolean' },
    pytorch: { type: 'string' },
    'estimate-only': { type: 'boolean' },
    'baseline-only': { type: 'boolean' },
  });
  const quick = cli.flag('quick');
  const full = cli.flag('full');
  if (full && quick) cli.die('--full and --quick exclude each other');
  if (cli.flag('resume') && !cli.str('checkpoint')) cli.die('--resume needs --checkpoint DIR');
  const studies = cli.list('studies', full ? ['tf'] : STUDY_IDS, ALL_STUDY_IDS);
  const epochs = cli.int('epochs', quick ? 1 : full ? 30 : 3);
  const lrStep = cli.str('lr-step') || full ? cli.int('lr-step', 15) : undefined;
  const lrGamma = cli.float('lr-gamma', 0.1);
  if (!(lrGamma > 0 && lrGamma <= 1)) cli.die('--lr-gamma takes a factor in (0, 1], e.g. 0.1');
  const schedule = lrStep === undefined ? undefined : { type: 'step' as const, stepSize: lrStep, gamma: lrGamma };
  const checkpointRoot = cli.str('checkpoint') ? resolve(cli.str('checkpoint') as string) : undefined;
  const trainPerClass = cli.int('train-per-class', quick ? 20 : 100);
  const testPerClass = cli.int('test-per-class', quick ? 10 : 50);
  const seed = cli.int('seed', 1, 0);
  const augment = cli.flag('augment') || full;
  const gridConv = cli.numbers('grid-conv', quick ? [2, 4] : [2, 4, 7]);
  const gridFc = cli.numbers('grid-fc', quick ? [0, 2] : [0, 1, 2]);
  if (gridConv.some((v) => !Number.isInteger(v) || v < 1)) cli.die('--grid-conv takes conv depths ≥ 1, e.g. 2,4,7');
  if (gridFc.some((v) => !Number.isInteger(v) || v < 0 || v > 2)) cli.die('--grid-fc takes hidden fc counts in 0…2, e.g. 0,1,2');
  const outDir = resolve(cli.str('out') ?? 'reports');
  const workers = cli.str('workers') === undefined ? undefined : cli.int('workers', 1, 0);
  const redis = cli.str('redis');
  const threads = cli.int('threads', 1, 1);
  if (redis !== undefined && workers !== undefined)
    cli.die('--workers and --redis exclude each other: with --redis, the dlkit-worker processes run the variants');
  const resultsFile = cli.str('results') === undefined ? undefined : resolve(cli.str('results') as string);
  const watch = stopwatch();
  // Read before hours of training, so a wrong file is refused at once.
  const pytorchFile = cli.str('pytorch');
  const pytorch = pytorchFile ? await readPytorchRun(resolve(pytorchFile)) : undefined;

  const engine = await watch.time('start engine', () => initBackend());
  const engineName = `${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})`;
  console.log(`engine: ${engineName}`);
  // The same options go to every trial, which loads the data in its own process.
  const dataOptions: LoadDataOptions = {
    ...(cli.str('root') === undefined ? {} : { root: cli.str('root') }),
    trainPerClass,
    testPerClass,
    seed,
    ...(cli.str('limit') || full ? { limit: cli.int('limit', 50_000) } : {}),
    ...(cli.str('test-limit') || full ? { testLimit: cli.int('test-limit', 10_000) } : {}),
  };
  const data = await watch.time('load data', () => loadData(dataOptions));
  console.log(`data: ${data.source}`);
  if (data.synthetic)
    console.log(
      'NOTE: generated stand-in, not CIFAR-10 — the findings below are indicative only (use --root DIR for real CIFAR-10).',
    );
  console.log(
    `${data.train.shape[0]} train / ${data.test.shape[0]} test images, ${epochs} epoch${epochs === 1 ? '' : 's'} per variant${augment ? ', augmented' : ''}`,
  );

  if (schedule) console.log(`learning rate × ${schedule.gamma} every ${schedule.stepSize} epochs`);

  const plans = studyPlan(studies, { gridConv, gridFc });
  if (cli.flag('baseline-only')) for (const p of plans) p.variants = p.variants.filter((v) => v.baseline);
  const trialsSpec: VariantTrialsSpec = {
    data: dataOptions,
    epochs,
    seed,
    augment,
    resume: cli.flag('resume'),
    ...(schedule ? { schedule } : {}),
    ...(checkpointRoot ? { checkpointRoot } : {}),
    ...(threads === 1 ? {} : { threads }),
  };
  // Only what is left is timed and counted: finished variants (in --results) and resumed epochs cost nothing.
  const progress = await variantProgress(variantSweep(plans, trialsSpec), resultsFile);
  // Keyed by slug: the sweep holds copies of the variants, not the plans' objects.
  const left = new Map(progress.map((p) => [variantSlug(p.variant), (p.epochs - p.doneEpochs) / p.epochs]));
  const leftOf = (v: VariantSpec): number => left.get(variantSlug(v)) ?? 1;
  const toEstimate = plans.map((p) => ({ ...p, variants: p.variants.filter((v) => leftOf(v) > 0) }));
  // Measured here and now (a few batches per variant), so the figure reflects this machine and its load.
  const estimates = (
    await watch.time('estimate', () =>
      estimateRun(toEstimate, data.train, { epochs, trainImages: data.train.shape[0], testImages: data.test.shape[0], seed }),
    )
  ).map((e) => ({ ...e, seconds: e.seconds * leftOf(e.variant) }));
  const estTotal = estimates.reduce((s, e) => s + e.seconds, 0);
  for (const e of estimates)
    console.log(
      `  estimate ${e.variant.study}: ${e.variant.name}: ${(e.secondsPerImage * 1000).toFixed(2)} ms/image → ${(e.seconds / 60).toFixed(1)} min`,
    );
  const already = describeProgress(progress);
  console.log(
    `estimated time: ${(estTotal / 60).toFixed(0)} min (${(estTotal / 3600).toFixed(1)} h) if the variants run one after another, measured on this machine's current load${already ? ` (${already})` : ''}`,
  );
  if (cli.flag('estimate-only')) return;
  const { studies: results, report: trials } = await watch.time('train', () =>
    runStudiesAsTrials(plans, {
      ...trialsSpec,
      ...(workers === undefined ? {} : { workers }),
      ...(redis === undefined ? {} : { redis }),
      ...(resultsFile === undefined ? {} : { resultsFile }),
      onProgress: (p) =>
        console.log(
          `  ${p.id} epoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(4) ?? '–'}${Number.isFinite(p.eta) ? ` ETA ${p.eta.toFixed(0)} s` : ''} (${p.worker})`,
        ),
      onResult: (r, done) => {
        const v = r.result as unknown as VariantResult | undefined;
        console.log(
          `(${done.finished}/${done.total}) ${r.id}  ${v ? `→ test ${(v.testAccuracy * 100).toFixed(1)} %, train loss ${v.finalTrainLoss.toFixed(4)}, ${v.seconds.toFixed(1)} s` : `FAILED ${r.error?.message ?? ''}`}  ${done.reused ? '(from --results)' : `on ${r.where.host}/${r.where.pid}/${r.where.worker}`}`,
        );
      },
    }),
  );
  console.log(`\n${formatSweepReport(trials)}`);
  for (const st of results) {
    console.log(`\n${st.title}  (${st.seconds.toFixed(0)} s)\n${studyTable(st)}`);
    if (st.id === 'grid') console.log(`\ntest accuracy / training seconds:\n${gridTable(st)}`);
  }
  const checked = findings(results, data.test.shape[0]);
  console.log(`\nSeed findings${data.synthetic ? ' (stand-in data: indicative only)' : ''}:`);
  for (const f of checked) console.log(`  ${f.verdict.padEnd(12)} ${f.claim}\n               ${f.measured}`);

  const tfBase = results.find((st) => st.id === 'tf')?.variants.find((v) => v.baseline);
  if (tfBase) {
    console.log('\nTF-tutorial net baseline (test accuracy per epoch, wall seconds since the start):');
    let t = 0;
    console.log(
      `  dlkit   ${tfBase.history
        .map((h) => {
          t += h.seconds;
          return `${((h.valAccuracy ?? 0) * 100).toFixed(1)} % @ ${t.toFixed(0)} s`;
        })
        .join(', ')}`,
    );
    if (pytorch)
      console.log(
        `  pytorch ${pytorch.history.map((h) => `${(h.testAccuracy * 100).toFixed(1)} % @ ${h.seconds.toFixed(0)} s`).join(', ')}  (${pytorch.framework}, ${pytorch.threads} threads)`,
      );
    console.log('  seeds 000/004: 74.6–76 %; Keras CIFAR-10 example: 75 % in 25 epochs');
  }

  const summary: RunSummary = {
    // The variants ran on their trials' engines (one thread each), not on this process's.
    example: 'cifar-cnn',
    source: data.source,
    synthetic: data.synthetic,
    engine: (trials.records[0]?.result as { engine?: string } | undefined)?.engine ?? engineName,
    trainSamples: data.train.shape[0],
    testSamples: data.test.shape[0],
    settings: {
      epochs,
      seed,
      augment,
      trainPerClass,
      testPerClass,
      quick,
      full,
      schedule: schedule ?? null,
      channelMean: data.stats.mean,
      channelStd: data.stats.std,
    },
    estimatedSeconds: estTotal,
    references: {
      seeds: 'seeds 000/004: 74.6–76 % test accuracy (TF-tutorial net, all 50 000 images)',
      pytorch: pytorch ?? null,
    },
    studies: results,
    findings: checked,
    timing: watch.record(),
    finished: new Date().toISOString(),
    trials: {
      mode: trials.mode,
      workers: trials.workers,
      reused: trials.reused,
      runs: trials.records.map((r) => ({
        id: r.id,
        key: r.key,
        where: r.where,
        seconds: r.seconds,
        processSeconds: r.processSeconds,
        attempts: r.attempts,
      })),
    },
  };
  const stamp = summary.finished.replace(/[:.]/g, '-');
  const htmlPath = join(outDir, `cifar-cnn-${stamp}.html`);
  await writeFileAtomicText(htmlPath, htmlReport(summary));
  console.log(`\nreport: ${htmlPath}`);
  const jsonFile = cli.str('json');
  const jsonPath = jsonFile ? await writeJson(resolve(jsonFile), summary) : undefined;
  if (jsonPath) console.log(`json: ${jsonPath}`);
  const headline: Record<string, string> = {};
  for (const st of results) {
    const best = st.variants.reduce((a, b) => (b.testAccuracy > a.testAccuracy ? b : a));
    headline[`${st.id} best`] = `${best.name}: ${(best.testAccuracy * 100).toFixed(1)} %`;
  }
  headline.source = data.synthetic ? 'stand-in' : 'CIFAR-10';
  await recordLatestReport(outDir, {
    example: 'cifar-cnn',
    title: `CIFAR-10 studies (${studies.join(', ')}), ${data.train.shape[0]} train images × ${epochs} epochs`,
    headline,
    html: htmlPath,
    json: jsonPath,
    ...(data.synthetic ? { note: 'generated CIFAR-10 stand-in, not CIFAR-10: indicative only' } : {}),
  });
  console.log(`total ${summary.timing.total.toFixed(0)} s`);
}

// A bad file or setting is the user's to fix: its message names it; anything else gets its stack.
main().catch(
  exitOnError('cifar-cnn', {
    usageErrors: [CifarCnnError],
    // CIFAR-10 missing or damaged under --root (without --root a missing one falls back to the stand-in).
    dataHint:
      '--root takes a folder with cifar-10-batches-bin or an image tree train|test/<class>/*.jpg, or a .tar/.tar.gz of either',
  }),
);
