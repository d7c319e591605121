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
import { parseCli, recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { loadData, type LoadDataOptions } from './data';
import { findings } from './findings';
import { htmlReport } from './report';
import type { VariantResult } from './run-variant';
import { runStudiesAsTrials } from './study-runner';
import type { RunSummary } from './summary';
import { gridTable, studyTable } from './tables';
import { STUDY_IDS, studyPlan } from './variants';

const USAGE = `Usage: cifar-cnn [options]
  --studies LIST         cifarnet,deep,grid (default: all three)
  --epochs N             epochs per variant (default 3; --quick 1)
  --train-per-class N    stand-in training images per class (default 100; --quick 20)
  --test-per-class N     stand-in test images per class (default 50; --quick 10)
  --limit N              use the first N training images (default: 10 × train-per-class, also for real CIFAR-10)
  --test-limit N         use the first N test images (default: 10 × test-per-class)
  --root DIR             folder holding cifar-10-batches-bin (default: the dataset cache; else the stand-in)
  --augment              random crop (pad 4) + horizontal flip, redrawn every epoch
  --grid-conv LIST       conv depths of the grid (default 2,4,7; --quick 2,4)
  --grid-fc LIST         hidden fc layer counts of the grid, each ≤ 2 (default 0,1,2; --quick 0,2)
  --quick                a one-minute check: 1 epoch, 200 training images, a 2 × 2 grid
  --seed N               seed of the weights, shuffling, augmentation and stand-in (default 1)
  --out DIR              report folder (default ./reports)
  --json FILE            also write every number as JSON
  --workers N            variants at once, each in its own process (default cores / 1 thread per run);
                         0 runs them one after another in this process
  --redis URL            run the variants on dlkit-worker processes through Redis (any machine):
                         pnpm --filter @dlkit-examples/cifar-cnn worker -- --redis URL
  --results FILE         JSON lines of every variant as it finishes; a re-run skips the ones already there
  -h, --help             this text`;

async function main(): Promise<void> {
  const cli = parseCli('cifar-cnn', USAGE, {
    studies: { type: 'string' }, epochs: { type: 'string' }, 'train-per-class': { type: 'string' }, 'test-per-class': { type: 'string' },
    limit: { type: 'string' }, 'test-limit': { type: 'string' }, root: { type: 'string' }, augment: { type: 'boolean' },
    'grid-conv': { type: 'string' }, 'grid-fc': { type: 'string' }, quick: { type: 'boolean' },
    workers: { type: 'string' }, redis: { type: 'string' }, results: { type: 'string' },
  });
  const quick = cli.flag('quick');
  const studies = cli.list('studies', STUDY_IDS, STUDY_IDS);
  const epochs = cli.int('epochs', quick ? 1 : 3);
  const trainPerClass = cli.int('train-per-class', quick ? 20 : 100);
  const testPerClass = cli.int('test-per-class', quick ? 10 : 50);
  const seed = cli.int('seed', 1, 0);
  const augment = cli.flag('augment');
  const gridConv = cli.numbers('grid-conv', quick ? [2, 4] : [2, 4, 7]);
  const gridFc = cli.numbers('grid-fc', quick ? [0, 2] : [0, 1, 2]);
  if (gridConv.some((v) => !Number.isInteger(v) || v < 1)) cli.die('--grid-conv takes conv depths ≥ 1, e.g. 2,4,7');
  if (gridFc.some((v) => !Number.isInteger(v) || v < 0 || v > 2)) cli.die('--grid-fc takes hidden fc counts in 0…2, e.g. 0,1,2');
  const outDir = resolve(cli.str('out') ?? 'reports');
  const workers = cli.str('workers') === undefined ? undefined : cli.int('workers', 1, 0);
  const redis = cli.str('redis');
  if (redis !== undefined && workers !== undefined) cli.die('--workers and --redis exclude each other: with --redis, the dlkit-worker processes run the variants');
  const resultsFile = cli.str('results') === undefined ? undefined : resolve(cli.str('results') as string);
  const watch = stopwatch();

  const engine = await watch.time('start engine', () => initBackend());
  const engineName = `${engine.engine} (${engine.threads} thread${engine.threads === 1 ? '' : 's'})`;
  console.log(`engine: ${engineName}`);
  // The same options go to every trial, which loads the data in its own process.
  const dataOptions: LoadDataOptions = {
    ...(cli.str('root') === undefined ? {} : { root: cli.str('root') }), trainPerClass, testPerClass, seed,
    ...(cli.str('limit') ? { limit: cli.int('limit', 1) } : {}),
    ...(cli.str('test-limit') ? { testLimit: cli.int('test-limit', 1) } : {}),
  };
  const data = await watch.time('load data', () => loadData(dataOptions));
  console.log(`data: ${data.source}`);
  if (data.synthetic) console.log('NOTE: generated stand-in, not CIFAR-10 — the findings below are indicative only (use --root DIR for real CIFAR-10).');
  console.log(`${data.train.shape[0]} train / ${data.test.shape[0]} test images, ${epochs} epoch${epochs === 1 ? '' : 's'} per variant${augment ? ', augmented' : ''}`);

  const plans = studyPlan(studies, { gridConv, gridFc });
  const { studies: results, report: trials } = await watch.time('train', () =>
    runStudiesAsTrials(plans, {
      data: dataOptions, epochs, seed, augment,
      ...(workers === undefined ? {} : { workers }), ...(redis === undefined ? {} : { redis }), ...(resultsFile === undefined ? {} : { resultsFile }),
      onProgress: (p) => console.log(`  ${p.id} epoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(4) ?? '–'}${Number.isFinite(p.eta) ? ` ETA ${p.eta.toFixed(0)} s` : ''} (${p.worker})`),
      onResult: (r, done) => {
        const v = r.result as unknown as VariantResult | undefined;
        console.log(`(${done.finished}/${done.total}) ${r.id}  ${v ? `→ test ${(v.testAccuracy * 100).toFixed(1)} %, train loss ${v.finalTrainLoss.toFixed(4)}, ${v.seconds.toFixed(1)} s` : `FAILED ${r.error?.message ?? ''}`}  ${done.reused ? '(from --results)' : `on ${r.where.host}/${r.where.pid}/${r.where.worker}`}`);
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

  const summary: RunSummary = {
    // The variants ran on their trials' engines (one thread each), not on this process's.
    example: 'cifar-cnn', source: data.source, synthetic: data.synthetic,
    engine: (trials.records[0]?.result as { engine?: string } | undefined)?.engine ?? engineName,
    trainSamples: data.train.shape[0], testSamples: data.test.shape[0],
    settings: { epochs, seed, augment, trainPerClass, testPerClass, quick, channelMean: data.stats.mean, channelStd: data.stats.std },
    studies: results, findings: checked, timing: watch.record(), finished: new Date().toISOString(),
    trials: {
      mode: trials.mode, workers: trials.workers, reused: trials.reused,
      runs: trials.records.map((r) => ({ id: r.id, key: r.key, where: r.where, seconds: r.seconds, processSeconds: r.processSeconds, attempts: r.attempts })),
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
    headline, html: htmlPath, json: jsonPath,
    ...(data.synthetic ? { note: 'generated CIFAR-10 stand-in, not CIFAR-10: indicative only' } : {}),
  });
  console.log(`total ${summary.timing.total.toFixed(0)} s`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
