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
import { loadTransferData } from './data';
import { runFolderVariant, type FolderVariantResult } from './folder-variant';
import { transferHtml } from './html';
import { writeStandInFolder } from './image-folder';
import { headline, runsTable, summaryTable } from './summary';
import { commonTarget, runTarget, trainBase, type MethodName, type RunResult } from './transfer-experiment';

/**
 * The CIFAR-10 → CIFAR-100 task (`--task cifar100`): a base CifarNet trained on CIFAR-10 (or its stand-in), saved,
 * reloaded and cut at fc2; on a small CIFAR-100 training set the feature extractor and fine-tuning are compared
 * with training from scratch at several learning rates; then the same on an ants/bees-style image folder.
 */
export async function runCifar100Task(
  cli: Cli,
  watch: Stopwatch,
  engine: BackendInfo,
  methods: readonly MethodName[],
): Promise<void> {
  const quick = cli.flag('quick');
  const baseTrain = cli.int('base-train', quick ? 300 : 3000);
  const baseTest = cli.int('base-test', quick ? 100 : 1000);
  const baseEpochs = cli.int('base-epochs', quick ? 1 : 2);
  const baseLr = cli.float('base-lr', 0.001);
  const trainPerClass = cli.int('train-per-class', quick ? 3 : 15);
  const testPerClass = cli.int('test-per-class', quick ? 2 : 5);
  const epochs = cli.int('epochs', quick ? 2 : 3, 2);
  const lrs = cli.numbers('lrs', quick ? [0.001] : [0.003, 0.001, 0.0003]);
  if (lrs.some((v) => v <= 0)) cli.die('--lrs must be positive');
  const cut = cli.str('cut') ?? 'fc2';
  const headEpochs = cli.int('head-epochs', 1);
  if (headEpochs >= epochs) cli.die(`--head-epochs (${headEpochs}) must be below --epochs (${epochs})`);
  const fineTuneFactor = cli.float('fine-tune-factor', 0.1);
  const targetFlag = cli.str('target') === undefined ? undefined : cli.float('target', 0);
  const filters = cli.ints('filters', [32, 32]) as [number, number];
  const units = cli.ints('units', [384, 192]) as [number, number];
  const batchSize = cli.int('batch-size', 32);
  const folderEpochs = cli.int('folder-epochs', quick ? 2 : 5, 2);
  const folderLr = cli.float('folder-lr', 0.001);
  const folderSize = cli.int('folder-size', 32);
  const seed = cli.int('seed', 1, 0);
  const outDir = resolve(cli.str('out') ?? 'reports');
  const net = { filters, units, seed, batchSize };

  const d = await watch.time('load data', () =>
    loadTransferData({
      root: cli.str('root'),
      baseTrain,
      baseTest,
      targetTrainPerClass: trainPerClass,
      targetTestPerClass: testPerClass,
      seed,
    }),
  );
  const synthetic = d.base.synthetic || d.target.synthetic;
  console.log(`source: ${d.base.source}\n        ${d.base.train.shape[0]} train / ${d.base.test.shape[0]} test images`);
  console.log(
    `target: ${d.target.source}\n        ${d.target.train.shape[0]} train / ${d.target.test.shape[0]} test images, ${d.target.train.classNames.length} classes`,
  );
  if (synthetic) console.log('        (generated stand-in data: the numbers below are indicative only)');

  const scratchDir = await mkdtemp(join(tmpdir(), 'dlkit-transfer-'));
  try {
    const baseDir = resolve(cli.str('save-base') ?? join(scratchDir, 'base'));
    const base = await watch.time('train base', () =>
      trainBase(d.base.train, d.base.test, baseDir, {
        ...net,
        epochs: baseEpochs,
        learningRate: baseLr,
        onProgress: epochLogger('base'),
      }),
    );
    console.log(
      `base net: CifarNet (cifarNetTf ${filters.join('-')} / ${units.join('-')}), ${base.parameters} parameters, test accuracy ${pct(base.testAccuracy, 2)}, ${base.seconds.toFixed(1)} s; saved to ${baseDir}`,
    );

    const runs: RunResult[] = [];
    for (const learningRate of lrs) {
      for (const method of methods) {
        const label = `${method} lr ${learningRate}`;
        const r = await watch.time(`target ${method}`, () =>
          runTarget(method, baseDir, d.target.train, d.target.test, {
            ...net,
            epochs,
            learningRate,
            cutAt: cut,
            headEpochs,
            fineTuneFactor,
            onProgress: epochLogger(label),
          }),
        );
        runs.push(r);
        console.log(
          `${label.padEnd(32)} final ${pct(r.finalAccuracy)}  best ${pct(r.bestAccuracy)}  ${r.trainSeconds.toFixed(1)} s`,
        );
      }
    }
    const target = targetFlag ?? commonTarget(runs);
    console.log(`\nCIFAR-100 task (${d.target.source}), every run:\n\n${runsTable(runs, target)}\n`);
    console.log(`At each method's best learning rate (target accuracy ${pct(target)}):\n\n${summaryTable(runs, target)}\n`);

    let folder: (FolderVariantResult & { source: string }) | null = null;
    if (!cli.flag('no-folder')) {
      let folderDir = cli.str('folder');
      let folderSource: string;
      if (folderDir === undefined) {
        folderDir = join(scratchDir, 'hymenoptera-stand-in');
        await watch.time('write image folder', () =>
          writeStandInFolder(folderDir as string, { seed, trainPerClass: quick ? 8 : 60, valPerClass: quick ? 6 : 40 }),
        );
        folderSource = `generated ants/bees stand-in folder (64×64 PNGs read back with loadImageFolder; no --folder given)`;
      } else folderSource = `image folder ${resolve(folderDir)}`;
      const pretrained = cli.str('pretrained') ? resolve(cli.str('pretrained') as string) : baseDir;
      folderSource += `; pretrained model: ${cli.str('pretrained') ? pretrained : 'the base net trained above (no --pretrained given; no ImageNet model offline)'}`;
      console.log(`folder variant: ${folderSource}`);
      const fv = await watch.time('folder variant', () =>
        runFolderVariant(pretrained, resolve(folderDir as string), {
          ...net,
          epochs: folderEpochs,
          learningRate: folderLr,
          size: folderSize,
          methods,
          headEpochs,
          fineTuneFactor,
          ...(cli.str('pretrained') ? {} : { cutAt: cut }),
          progress: (m) => epochLogger(`folder ${m}`),
        }),
      );
      folder = {
        ...fv,
        source: `${folderSource}; ${fv.trainImages} train / ${fv.valImages} val images, classes ${fv.classNames.join(', ')}`,
      };
      console.log(
        `\nImage folder (${fv.classNames.join(' / ')}, ${fv.trainImages} train / ${fv.valImages} val):\n\n${runsTable(fv.runs, fv.target)}\n`,
      );
    }

    const timing = watch.record();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const title = `Transfer learning ${d.base.synthetic ? 'CIFAR-10 stand-in' : 'CIFAR-10'} → ${d.target.synthetic ? 'CIFAR-100 stand-in' : 'CIFAR-100'}`;
    const info = {
      engine: `${engine.engine} (${engine.threads} threads)`,
      network: `CifarNet (cifarNetTf conv ${filters.join('-')}, fc ${units.join('-')}), cut at ${cut}`,
      'base net': `${base.history.length} epochs, Adam ${baseLr}, ${d.base.train.shape[0]} images`,
      'target runs': `${epochs} epochs each, Adam lr ${lrs.join(', ')}; fine-tune: ${headEpochs} head epoch(s) then ×${fineTuneFactor}`,
      'target data': `${d.target.train.shape[0]} train / ${d.target.test.shape[0]} test images, ${d.target.train.classNames.length} classes`,
      'batch size': batchSize,
      seed,
    };
    const htmlPath = join(outDir, `transfer-${stamp}.html`);
    await writeFileAtomicText(
      htmlPath,
      transferHtml({
        title,
        sources: [
          `Source task: ${d.base.source}.`,
          `Target task: ${d.target.source}.`,
          ...(synthetic ? ['Generated stand-in data: indicative only; point --root at CIFAR for the real experiment.'] : []),
        ],
        synthetic,
        info,
        base,
        runs,
        target,
        folder,
        timing,
      }),
    );
    console.log(`report: ${htmlPath}`);
    let jsonPath: string | undefined;
    if (cli.str('json')) {
      jsonPath = await writeJson(resolve(cli.str('json') as string), {
        example: 'transfer',
        engine: engine.engine,
        threads: engine.threads,
        source: d.base.source,
        targetSource: d.target.source,
        synthetic,
        options: {
          baseTrain,
          baseTest,
          baseEpochs,
          baseLr,
          trainPerClass,
          testPerClass,
          epochs,
          lrs,
          methods,
          cut,
          headEpochs,
          fineTuneFactor,
          filters,
          units,
          batchSize,
          seed,
        },
        base: { history: base.history, testAccuracy: base.testAccuracy, seconds: base.seconds, parameters: base.parameters },
        runs,
        target,
        folder,
        timing,
        report_html: htmlPath,
      });
      console.log(`json: ${jsonPath}`);
    }
    await recordLatestReport(outDir, {
      example: 'transfer',
      title,
      headline: headline(runs, target, folder?.runs ?? []),
      html: htmlPath,
      json: jsonPath,
      ...(synthetic ? { note: 'generated CIFAR-10/100 stand-ins and image folder — indicative only' } : {}),
    });
    console.log(`total ${timing.total.toFixed(1)} s`);
  } finally {
    await rm(scratchDir, { recursive: true, force: true });
  }
}
