/**
 * The numpy-assignment MLP study on MNIST (784 → hidden → 10, weights N(0, 0.08)): sigmoid vs ReLU, SGD vs
 * momentum, L2 and L1 weight decay, Gaussian-noise augmentation. Each setting is scored by stratified, seeded
 * k-fold cross-validation on the training part of the bundled MNIST sample (8,000 train / 2,000 test); the best
 * setting gets its per-fold confusion matrices and classification reports, is retrained on all training data and
 * reported on the test set, and one test image's softmax probabilities are printed.
 *
 *   pnpm --filter @dlkit-examples/mlp-mnist start
 *   pnpm --filter @dlkit-examples/mlp-mnist start -- --settings relu-sgd,relu-momentum --folds 3 --json out.json
 */
import { join, resolve } from 'node:path';
import { initBackend } from '@dlkit/backend';
import { loadMnistSample, stratifiedKFold } from '@dlkit/datasets';
import type { ConfusionMatrix, ReportDictRow } from '@dlkit/metrics';
import { evaluate, predictScores, type EpochRecord } from '@dlkit/models';
import { defineSweep, failedTrialsMessage, formatSweepReport, runSweep } from '@dlkit/sweep';
import { parseCli, recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { exitOnError } from '@dlkit-examples/common';
import { allSettings, DEFAULT_SETTINGS, type Setting } from './settings';
import { confusionText, meanStd, table } from './format';
import { studyReportHtml } from './report';
import { confusionFromJson, fit, flat, FOLD_TRIAL, type FoldTrialResult, type FoldTrialSettings } from './trials';

const USAGE = `Usage: mlp-mnist [options]
  --epochs N          epochs per training run (default 5)
  --hidden A[,B…]     hidden layer sizes (default 128)
  --settings LIST     comma list of settings, or 'all' (default: all of
                      ${DEFAULT_SETTINGS.join(', ')})
  --folds K           cross-validation folds (default 5)
  --lr X              learning rate shared by every setting (default 0.05)
  --batch-size N      mini-batch size (default 32)
  --seed N            seed of the split, folds, initialisation, shuffling and noise (default 1)
  --image I           index of the test image whose probabilities are printed (default 0)
  --verbose           print a line per training epoch
  --workers N         fold runs at once, each in its own process (default cores / 1 thread per run);
                      0 runs them one after another in this process
  --redis URL         run the folds on dlkit-worker processes through Redis (any machine):
                      pnpm --filter @dlkit-examples/mlp-mnist worker -- --redis URL
  --results FILE      JSON lines of every fold run as it finishes; a re-run skips the runs already there
  --out DIR           folder of the HTML report (default ./reports)
  --json FILE         write every metric and timing as JSON
  -h, --help          this text`;

interface FoldResult {
  fold: number;
  trainSize: number;
  valSize: number;
  valAccuracy: number;
  valLoss: number;
  trainSeconds: number;
  history: EpochRecord[];
  confusion: ConfusionMatrix;
  reportText: string;
  reportDict: Record<string, ReportDictRow | number>;
}

interface SettingResult {
  setting: Setting;
  folds: FoldResult[];
  mean: number;
  std: number;
  seconds: number;
}

const pct = (v: number): string => `${(100 * v).toFixed(2)} %`;

async function main(): Promise<void> {
  const cli = parseCli('mlp-mnist', USAGE, {
    epochs: { type: 'string' },
    hidden: { type: 'string' },
    settings: { type: 'string' },
    folds: { type: 'string' },
    lr: { type: 'string' },
    'batch-size': { type: 'string' },
    image: { type: 'string' },
    verbose: { type: 'boolean' },
    workers: { type: 'string' },
    redis: { type: 'string' },
    results: { type: 'string' },
  });
  const fail = cli.die;
  const epochs = cli.int('epochs', 5);
  const folds = cli.int('folds', 5, 2);
  const batchSize = cli.int('batch-size', 32);
  const seed = cli.int('seed', 1, 0);
  const imageIndex = cli.int('image', 0, 0);
  const lr = cli.float('lr', 0.05);
  if (!(lr > 0)) fail(`--lr must be a positive number, got '${cli.str('lr')}'`);
  const hidden = cli.numbers('hidden', [128]);
  if (hidden.some((h) => !Number.isInteger(h) || h < 1))
    fail(`--hidden must be a comma list of positive integers, got '${cli.str('hidden')}'`);
  const verbose = cli.flag('verbose');
  const workers = cli.str('workers') === undefined ? undefined : cli.int('workers', 1, 0);
  const redis = cli.str('redis');
  if (redis !== undefined && workers !== undefined)
    fail('--workers and --redis exclude each other: with --redis, the dlkit-worker processes run the folds');
  const resultsFile = cli.str('results') === undefined ? undefined : resolve(cli.str('results') as string);
  const outDir = resolve(cli.str('out') ?? 'reports');
  const known = allSettings(lr);
  const settingsFlag = cli.str('settings');
  const names =
    settingsFlag?.trim() === 'all'
      ? known.map((s) => s.name)
      : cli.list(
          'settings',
          DEFAULT_SETTINGS,
          known.map((s) => s.name),
        );
  const settings = names.map(
    (n) => known.find((s) => s.name === n) ?? fail(`unknown setting '${n}' (known: ${known.map((s) => s.name).join(', ')})`),
  );
  if (settings.length === 0) fail('--settings is empty');

  const clock = stopwatch();
  const backend = await initBackend();
  console.log(`backend: ${backend.reason}`);
  const { train: trainAll, test } = await loadMnistSample({ dtype: 'float32', seed });
  if (imageIndex >= test.labels.length) fail(`--image must be below ${test.labels.length}`);
  const classNames = trainAll.classNames;
  console.log(
    `data: bundled MNIST sample, ${trainAll.labels.length} train / ${test.labels.length} test; MLP 784-${hidden.join('-')}-10, init N(0, 0.08)`,
  );
  console.log(`protocol: ${folds}-fold stratified CV (seed ${seed}), ${epochs} epochs, batch ${batchSize}, lr ${lr}\n`);

  const splits = stratifiedKFold(trainAll.labels, { k: folds, seed });
  // Every (setting, fold) is one trial; its seed is the one the study always gave that fold's run.
  const sweep = defineSweep({
    name: 'mlp-mnist',
    trials: settings.flatMap((setting) =>
      splits.map((_, f) => ({
        id: `${setting.name} fold ${f + 1}`,
        trial: FOLD_TRIAL,
        seed: seed * 1000 + f,
        settings: {
          setting: { ...setting },
          hidden,
          epochs,
          batchSize,
          folds,
          fold: f,
          splitSeed: seed,
        } satisfies FoldTrialSettings,
      })),
    ),
  });
  const cv0 = performance.now();
  const trials = await runSweep(sweep, {
    workers,
    redis,
    resultsFile,
    onProgress: (p) => {
      if (verbose)
        console.log(
          `  ${p.id} epoch ${p.epoch}/${p.epochs} loss ${p.loss?.toFixed(4) ?? '–'}${Number.isFinite(p.eta) ? ` ETA ${p.eta.toFixed(0)} s` : ''} (${p.worker})`,
        );
    },
    onResult: (r, done) => {
      const fold = r.result as unknown as FoldTrialResult | undefined;
      console.log(
        `[${String(done.finished).padStart(String(done.total).length)}/${done.total}] ${r.id.padEnd(30)} ${fold ? `val ${(100 * fold.valAccuracy).toFixed(2)}%` : `FAILED ${r.error?.message ?? ''}`}  ${done.reused ? '(from --results)' : `${r.seconds.toFixed(1)} s on ${r.where.host}/${r.where.pid}/${r.where.worker}`}`,
      );
    },
  });
  const cvSeconds = (performance.now() - cv0) / 1000;
  const failed = failedTrialsMessage(trials, 'fold runs');
  if (failed) fail(failed);
  console.log(`\n${formatSweepReport(trials)}\n`);
  const results: SettingResult[] = settings.map((setting) => {
    const records = trials.records.filter((r) => (r.settings as unknown as FoldTrialSettings).setting.name === setting.name);
    const foldResults: FoldResult[] = records.map((r) => {
      const f = r.result as unknown as FoldTrialResult;
      return {
        fold: f.fold,
        trainSize: f.trainSize,
        valSize: f.valSize,
        valAccuracy: f.valAccuracy,
        valLoss: f.valLoss,
        trainSeconds: f.trainSeconds,
        history: f.history,
        confusion: confusionFromJson(f.confusion),
        reportText: f.reportText,
        reportDict: f.report,
      };
    });
    const { mean, std } = meanStd(foldResults.map((r) => r.valAccuracy));
    // Time spent on the setting: its fold runs' own wall times (they may have run side by side).
    const seconds = records.reduce((a, r) => a + r.seconds, 0);
    console.log(
      `${setting.name.padEnd(20)} ${(100 * mean).toFixed(2)}% ± ${(100 * std).toFixed(2)}  [${foldResults.map((r) => (100 * r.valAccuracy).toFixed(1)).join(', ')}]  ${seconds.toFixed(1)} s`,
    );
    return { setting, folds: foldResults, mean, std, seconds };
  });

  console.log(`\nCross-validated validation accuracy (${folds} folds, mean ± std):`);
  console.log(
    table(
      ['setting', 'what', 'accuracy %', '± std', 'time s'],
      results.map((r) => [
        r.setting.name,
        r.setting.description,
        (100 * r.mean).toFixed(2),
        (100 * r.std).toFixed(2),
        r.seconds.toFixed(1),
      ]),
      2,
    ),
  );

  const best = results.reduce((a, b) => (b.mean > a.mean ? b : a));
  console.log(`\nBest setting: ${best.setting.name} (${(100 * best.mean).toFixed(2)}% ± ${(100 * best.std).toFixed(2)})`);
  for (const f of best.folds) {
    console.log(
      `\n--- ${best.setting.name}, fold ${f.fold}/${folds}: validation accuracy ${(100 * f.valAccuracy).toFixed(2)}% (${f.valSize} samples)`,
    );
    console.log(confusionText(f.confusion, classNames));
    console.log(`\n${f.reportText}`);
  }

  const fin0 = performance.now();
  const { model, result } = await fit(best.setting, trainAll, hidden, {
    epochs,
    batchSize,
    seed,
    onEpoch: (r, n) => {
      if (verbose)
        console.log(
          `  ${best.setting.name} all epoch ${r.epoch}/${n} loss ${r.loss.toFixed(4)} acc ${(100 * r.accuracy).toFixed(2)}%`,
        );
    },
  });
  const testData = flat(test.images, test.labels, classNames);
  const testEval = evaluate(model, testData, { classNames });
  const finalSeconds = (performance.now() - fin0) / 1000;
  console.log(
    `\n=== Test set: ${best.setting.name} trained on all ${trainAll.labels.length} training images (${result.seconds.toFixed(1)} s)`,
  );
  console.log(`test accuracy ${(100 * testEval.accuracy).toFixed(2)}%, loss ${testEval.loss.toFixed(4)}`);
  console.log(confusionText(testEval.confusionMatrix, classNames));
  console.log(`\n${testEval.report.text}`);

  const one = predictScores(model, { images: test.images.subarray(imageIndex * 784, (imageIndex + 1) * 784), shape: [1, 784] });
  const probs = Array.from(one.data);
  const predicted = probs.indexOf(Math.max(...probs));
  console.log(`\nTest image #${imageIndex} (true label ${test.labels[imageIndex]}): predicted ${predicted}`);
  console.log(probs.map((p, c) => `  P(${c}) = ${p.toFixed(4)} ${'#'.repeat(Math.round(p * 40))}`).join('\n'));
  model.dispose();
  clock.add('cross-validation', cvSeconds);
  clock.add('final training + test', finalSeconds);
  const timing = clock.record();
  const totalSeconds = timing.total;
  console.log(`\ntotal time ${totalSeconds.toFixed(1)} s (backend ${backend.backend})`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const htmlPath = await writeFileAtomicText(
    join(outDir, `mlp-mnist-${stamp}.html`),
    studyReportHtml({
      info: {
        data: `bundled MNIST sample, ${trainAll.labels.length} train / ${test.labels.length} test`,
        model: `MLP 784-${hidden.join('-')}-10, init N(0, 0.08)`,
        protocol: `${folds}-fold stratified cross-validation, ${epochs} epochs, batch ${batchSize}, lr ${lr}, seed ${seed}`,
        engine: backend.reason,
      },
      classNames,
      settings: results.map((r) => ({
        name: r.setting.name,
        description: r.setting.description,
        mean: r.mean,
        std: r.std,
        seconds: r.seconds,
        folds: r.folds.map((f) => ({
          fold: f.fold,
          valSize: f.valSize,
          valAccuracy: f.valAccuracy,
          history: f.history,
          confusion: f.confusion,
          reportText: f.reportText,
        })),
      })),
      best: best.setting.name,
      test: {
        setting: best.setting.name,
        accuracy: testEval.accuracy,
        loss: testEval.loss,
        history: result.history,
        confusion: testEval.confusionMatrix,
        reportText: testEval.report.text,
        trainSeconds: result.seconds,
      },
      image: { index: imageIndex, label: test.labels[imageIndex], predicted, probabilities: probs },
      timing,
    }),
  );
  console.log(`report: ${htmlPath}`);

  const jsonPath = cli.str('json') === undefined ? undefined : resolve(cli.str('json') as string);
  if (jsonPath !== undefined) {
    const file = jsonPath;
    const json = {
      config: { epochs, folds, hidden, lr, batchSize, seed, stddev: 0.08, backend: backend.backend, engine: backend.engine },
      data: { train: trainAll.labels.length, test: test.labels.length, source: 'bundled MNIST sample' },
      settings: results.map((r) => ({
        name: r.setting.name,
        description: r.setting.description,
        activation: r.setting.activation,
        optimizer: r.setting.optimizer,
        l1: r.setting.l1,
        l2: r.setting.l2,
        noiseStd: r.setting.noiseStd,
        meanAccuracy: r.mean,
        stdAccuracy: r.std,
        seconds: r.seconds,
        folds: r.folds.map((f) => ({
          fold: f.fold,
          trainSize: f.trainSize,
          valSize: f.valSize,
          accuracy: f.valAccuracy,
          loss: f.valLoss,
          trainSeconds: f.trainSeconds,
          confusionMatrix: f.confusion.toArray(),
          report: f.reportDict,
        })),
      })),
      best: best.setting.name,
      test: {
        accuracy: testEval.accuracy,
        loss: testEval.loss,
        trainSeconds: result.seconds,
        seconds: finalSeconds,
        history: result.history,
        confusionMatrix: testEval.confusionMatrix.toArray(),
        report: testEval.report.toDict(),
      },
      image: { index: imageIndex, label: test.labels[imageIndex], predicted, probabilities: probs },
      trials: {
        mode: trials.mode,
        workers: trials.workers,
        reused: trials.reused,
        runs: trials.records.map((r) => ({
          id: r.id,
          key: r.key,
          seed: r.seed,
          status: r.status,
          where: r.where,
          seconds: r.seconds,
          processSeconds: r.processSeconds,
          attempts: r.attempts,
        })),
      },
      totalSeconds,
      timing,
      report_html: htmlPath,
    };
    await writeJson(file, json);
    console.log(`metrics written to ${file}`);
  }
  const sigmoid = results.find((r) => r.setting.name === 'sigmoid-sgd');
  const relu = results.find((r) => r.setting.name === 'relu-sgd');
  await recordLatestReport(outDir, {
    example: 'mlp-mnist',
    title: `MLP 784-${hidden.join('-')}-10 on the bundled MNIST sample: ${results.length} settings × ${folds}-fold CV, ${epochs} epochs`,
    headline: {
      best: `${best.setting.name} ${pct(best.mean)} ± ${(100 * best.std).toFixed(2)} (CV)`,
      'test accuracy': pct(testEval.accuracy),
      ...(sigmoid && relu ? { 'sigmoid vs ReLU (SGD)': `${pct(sigmoid.mean)} vs ${pct(relu.mean)}` } : {}),
      time: `${totalSeconds.toFixed(0)} s`,
    },
    html: htmlPath,
    ...(jsonPath === undefined ? {} : { json: jsonPath }),
  });
}

// A --results file of another sweep, a bad or unreachable --redis: one message naming it, no stack.
main().catch(exitOnError('mlp-mnist'));
