import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BackendInfo } from '@dlkit/backend';
import {
  epochLogger,
  pct,
  recordLatestReport,
  writeFileAtomicText,
  writeJson,
  type Cli,
  type Stopwatch,
} from '@dlkit-examples/common';
import { DEFAULT_BASE_CLASSES, loadSplitData } from './split-data';
import { measureRates, splitSeconds, type SplitPlan } from './split-estimate';
import { runSplitExperiment, splitProgress, type SplitRunResult } from './split-experiment';
import { splitHtml } from './split-html';
import { labelSizes, labelsCurveTable, splitHeadline, splitRunsTable } from './split-summary';
import { parseSizes, parseTestPerClass } from './task-flags';
import type { MethodName } from './transfer-experiment';

/** The sizes of a split-task run: the default, `--quick` and `--full` (the whole of CIFAR-10's ten classes). */
export const SPLIT_PRESETS = {
  default: {
    baseTrainPerClass: 1000,
    baseTestPerClass: 200,
    baseEpochs: 3,
    labelsPerClass: [10, 50, 250],
    epochs: 10,
    epochImages: 500,
    lrs: [0.001],
    testPerClass: 200 as number | 'all',
  },
  quick: {
    baseTrainPerClass: 100,
    baseTestPerClass: 20,
    baseEpochs: 1,
    labelsPerClass: [5, 10],
    epochs: 2,
    epochImages: 50,
    lrs: [0.001],
    testPerClass: 20 as number | 'all',
  },
  full: {
    baseTrainPerClass: 5000,
    baseTestPerClass: 1000,
    baseEpochs: 10,
    labelsPerClass: [10, 50, 250],
    epochs: 20,
    epochImages: 1000,
    lrs: [0.003, 0.001, 0.0003],
    testPerClass: 'all' as number | 'all',
  },
};

const minutes = (s: number) =>
  s < 120 ? `${s.toFixed(0)} s` : s < 5400 ? `${(s / 60).toFixed(0)} min` : `${(s / 3600).toFixed(1)} h`;

/**
 * The CIFAR-10 split task (`--task cifar10-split`, the default): a base net trained on five CIFAR-10 classes is
 * moved to the other five with few labels per class — feature extractor, fine-tuning and training from scratch,
 * accuracy against seconds, one curve per labelled-set size. The time is measured and printed before training.
 */
export async function runSplitTask(
  cli: Cli,
  watch: Stopwatch,
  engine: BackendInfo,
  methods: readonly MethodName[],
): Promise<void> {
  const quick = cli.flag('quick');
  const full = cli.flag('full');
  if (quick && full) cli.die('--full and --quick exclude each other');
  if (cli.flag('resume') && !cli.str('checkpoint'))
    cli.die('--resume needs --checkpoint DIR (the folder of the run to continue)');
  const preset = full ? SPLIT_PRESETS.full : quick ? SPLIT_PRESETS.quick : SPLIT_PRESETS.default;
  const baseClasses = cli.list('base-classes', DEFAULT_BASE_CLASSES);
  const baseTrainPerClass = cli.int('base-train-per-class', preset.baseTrainPerClass);
  const baseTestPerClass = cli.int('base-test-per-class', preset.baseTestPerClass);
  const baseEpochs = cli.int('base-epochs', preset.baseEpochs);
  const baseLr = cli.float('base-lr', 0.001);
  const labelsFlag = cli.str('labels-per-class');
  const labelsPerClass = labelsFlag === undefined ? preset.labelsPerClass : parseSizes(labelsFlag, '--labels-per-class');
  const testFlag = cli.str('test-per-class');
  const testPerClass = testFlag === undefined ? preset.testPerClass : parseTestPerClass(testFlag);
  const epochs = cli.int('epochs', preset.epochs, 2);
  const epochImages = cli.int('epoch-images', preset.epochImages, 0);
  const lrs = cli.numbers('lrs', preset.lrs);
  if (lrs.some((v) => !(v > 0))) cli.die('--lrs must be positive');
  const cut = cli.str('cut') ?? 'fc2';
  const headEpochs = cli.int('head-epochs', 1);
  if (headEpochs >= epochs) cli.die(`--head-epochs (${headEpochs}) must be below --epochs (${epochs})`);
  const fineTuneFactor = cli.float('fine-tune-factor', 0.1);
  const filters = cli.ints('filters', [32, 32]) as [number, number];
  const units = cli.ints('units', [384, 192]) as [number, number];
  const batchSize = cli.int('batch-size', 32);
  const seed = cli.int('seed', 1, 0);
  const outDir = resolve(cli.str('out') ?? 'reports');
  const net = { filters, units, seed, batchSize };

  const d = await watch.time('load data', () =>
    loadSplitData({
      ...(cli.str('root') === undefined ? {} : { root: cli.str('root') }),
      baseClasses,
      baseTrainPerClass,
      baseTestPerClass,
      labelsPerClass,
      curveTestPerClass: testPerClass,
      seed,
    }),
  );
  const classes = d.split.targetIds.length;
  console.log(
    `task: cifar10-split${cli.str('task') ? '' : ' (the default; --task cifar100 for CIFAR-10 → CIFAR-100)'} on ${d.synthetic ? 'the GENERATED STAND-IN' : 'real CIFAR-10'}`,
  );
  console.log(`data: ${d.source}`);
  if (d.synthetic)
    console.log('      (generated stand-in data: the numbers below are indicative only; --root DIR for real CIFAR-10)');
  console.log(`base classes:   ${d.split.baseNames.join(', ')} (ids ${d.split.baseIds.join(', ')})`);
  console.log(`target classes: ${d.split.targetNames.join(', ')} (ids ${d.split.targetIds.join(', ')})`);
  console.log(
    `base net: ${d.baseTrain.shape[0]} train / ${d.baseTest.shape[0]} test images; target: ${labelsPerClass.join(' / ')} labelled images per class, curves scored on ${d.targetCurveTest.shape[0]} test images, the final model on all ${d.targetTest.shape[0]}`,
  );

  // Measured here and now, so the figures reflect this machine and its load.
  const rates = await watch.time('estimate', () => measureRates(d.baseTrain, net));
  const planOf = (p: typeof preset, test: number | 'all'): SplitPlan => {
    const curveTest = test === 'all' ? d.targetTest.shape[0] : test * classes;
    return {
      baseTrainImages: p.baseTrainPerClass * d.split.baseIds.length,
      baseTestImages: p.baseTestPerClass * d.split.baseIds.length,
      baseEpochs: p.baseEpochs,
      classes,
      labelsPerClass: p.labelsPerClass,
      curveTestImages: curveTest,
      finalTestImages: test === 'all' ? 0 : d.targetTest.shape[0],
      epochs: p.epochs,
      epochImages: p.epochImages,
      learningRates: p.lrs.length,
      methods,
      headEpochs,
    };
  };
  // A resumed run counts only what is left: the base net's remaining epochs and the target runs not yet done.
  const checkpoint = cli.str('checkpoint');
  const progress = checkpoint && cli.flag('resume') ? await splitProgress(resolve(checkpoint), baseEpochs) : undefined;
  const finishedRuns =
    progress?.runs.filter(
      (r) => lrs.includes(r.learningRate) && methods.includes(r.method) && labelsPerClass.includes(r.labelsPerClass),
    ) ?? [];
  const thisRun = splitSeconds(
    {
      ...planOf(
        { baseTrainPerClass, baseTestPerClass, baseEpochs, labelsPerClass, epochs, epochImages, lrs, testPerClass },
        testPerClass,
      ),
      ...(progress ? { done: { baseEpochs: progress.baseEpochs, baseSaved: progress.baseSaved, runs: finishedRuns } } : {}),
    },
    rates,
  );
  const totalRuns = labelsPerClass.length * lrs.length * methods.length;
  console.log(
    `measured: ${(rates.trainSeconds * 1000).toFixed(2)} ms per training image, ${(rates.testSeconds * 1000).toFixed(2)} ms per scored image (${engine.engine}, current load)`,
  );
  console.log(
    `estimated time of this run: ${minutes(thisRun.total)} (base net ${minutes(thisRun.base)}, target runs ${minutes(thisRun.target)})` +
      (progress
        ? `; resuming: base net ${progress.baseSaved ? 'saved' : `at epoch ${progress.baseEpochs} of ${baseEpochs}`}, ${finishedRuns.length} of ${totalRuns} target runs done`
        : ''),
  );
  if (!full && !d.synthetic) {
    // The full run on real CIFAR-10 (5 000 / 1 000 images per base class): stated before anyone starts it.
    const f = splitSeconds(planOf(SPLIT_PRESETS.full, 'all'), rates);
    console.log(
      `--full would take ≈ ${minutes(f.total)} at this rate (base net ${minutes(f.base)}, target runs ${minutes(f.target)})`,
    );
  }
  if (cli.flag('estimate-only')) return;

  const workDir = checkpoint ? resolve(checkpoint) : await mkdtemp(join(tmpdir(), 'dlkit-transfer-split-'));
  if (checkpoint) console.log(`state: ${workDir}${cli.flag('resume') ? ' (resuming)' : ''}`);
  try {
    const result = await watch.time('train', () =>
      runSplitExperiment(
        d,
        {
          ...net,
          baseEpochs,
          baseLearningRate: baseLr,
          epochs,
          epochImages,
          learningRates: lrs,
          methods,
          cutAt: cut,
          headEpochs,
          fineTuneFactor,
        },
        {
          workDir,
          resume: cli.flag('resume'),
          onBaseProgress: epochLogger('base'),
          runProgress: (label) => epochLogger(label),
          onRun: (r: SplitRunResult, reused: boolean) =>
            console.log(
              `${`${r.labelsPerClass}/class ${r.method} lr ${r.learningRate}`.padEnd(40)} curve ${pct(r.finalAccuracy)}  all test ${pct(r.finalTestAccuracy ?? Number.NaN)}  ${r.trainSeconds.toFixed(1)} s${reused ? '  (from the checkpoint folder)' : ''}`,
            ),
        },
      ),
    );
    const { base, runs } = result;
    console.log(
      `base net: ${base.parameters} parameters, test accuracy on the base classes ${pct(base.testAccuracy, 2)}, ${base.seconds.toFixed(1)} s${base.reused ? ' (reused)' : ''}`,
    );
    for (const k of labelSizes(runs))
      console.log(`\n${k} labelled images per class:\n\n${splitRunsTable(runs.filter((r) => r.labelsPerClass === k))}`);
    console.log(
      `\nLabels per class → accuracy on all ${d.targetTest.shape[0]} target test images (best lr per method):\n\n${labelsCurveTable(runs)}\n`,
    );

    const timing = watch.record();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const title = `Transfer learning on ${d.synthetic ? 'a CIFAR-10 stand-in' : 'CIFAR-10'}: ${d.split.baseNames.join(', ')} → ${d.split.targetNames.join(', ')}`;
    const info = {
      engine: `${engine.engine} (${engine.threads} threads)`,
      network: `CifarNet (cifarNetTf conv ${filters.join('-')}, fc ${units.join('-')}), cut at ${cut}`,
      'base net': `${baseEpochs} epochs, Adam ${baseLr}, ${d.baseTrain.shape[0]} images of ${d.split.baseNames.join(', ')}`,
      'target runs': `${epochs} epochs each of at least ${epochImages} images (small labelled sets repeated), Adam lr ${lrs.join(', ')}; fine-tune: ${headEpochs} head epoch(s) then everything at ×${fineTuneFactor}`,
      'target data': `${labelsPerClass.join(' / ')} labelled images per class of ${d.split.targetNames.join(', ')}; curves on ${d.targetCurveTest.shape[0]} test images, final accuracy on all ${d.targetTest.shape[0]}`,
      'standardised with': `the base training set's channel mean ${Array.from(d.stats.mean, (v) => v.toFixed(3)).join(', ')} and deviation ${Array.from(d.stats.std, (v) => v.toFixed(3)).join(', ')}`,
      'estimated beforehand': `${minutes(thisRun.total)}`,
      'batch size': batchSize,
      seed,
    };
    const sources = [
      `Data: ${d.source}.`,
      ...(d.synthetic ? ['Generated stand-in data: indicative only; point --root at CIFAR-10 for the real experiment.'] : []),
    ];
    const htmlPath = join(outDir, `transfer-split-${stamp}.html`);
    await writeFileAtomicText(htmlPath, splitHtml({ title, sources, synthetic: d.synthetic, info, base, runs, timing }));
    console.log(`report: ${htmlPath}`);
    let jsonPath: string | undefined;
    const jsonFile = cli.str('json');
    if (jsonFile) {
      jsonPath = await writeJson(resolve(jsonFile), {
        example: 'transfer',
        task: 'cifar10-split',
        engine: engine.engine,
        threads: engine.threads,
        source: d.source,
        synthetic: d.synthetic,
        split: d.split,
        stats: { mean: Array.from(d.stats.mean), std: Array.from(d.stats.std) },
        options: {
          baseTrainPerClass,
          baseTestPerClass,
          baseEpochs,
          baseLr,
          labelsPerClass,
          testPerClass,
          epochs,
          epochImages,
          lrs,
          methods,
          cut,
          headEpochs,
          fineTuneFactor,
          filters,
          units,
          batchSize,
          seed,
          full,
          quick,
        },
        estimate: { rates, seconds: thisRun },
        base: {
          history: base.history,
          testAccuracy: base.testAccuracy,
          seconds: base.seconds,
          parameters: base.parameters,
          reused: base.reused,
        },
        runs,
        timing,
        report_html: htmlPath,
      });
      console.log(`json: ${jsonPath}`);
    }
    await recordLatestReport(outDir, {
      example: 'transfer',
      title,
      headline: splitHeadline(runs),
      html: htmlPath,
      json: jsonPath,
      ...(d.synthetic ? { note: 'generated CIFAR-10 stand-in — indicative only' } : {}),
    });
    console.log(`total ${timing.total.toFixed(1)} s`);
  } finally {
    if (!checkpoint) await rm(workDir, { recursive: true, force: true });
  }
}
