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
import { fileURLToPath } from 'node:url';
import { initBackend } from '@dlkit/backend';
import { gaussianNoise, loadMnistSample, stratifiedKFold, type ImageDataset } from '@dlkit/datasets';
import { evaluate, mlp, predictScores, train, type EpochRecord, type Evaluation, type LabeledData } from '@dlkit/models';
import { epochLogger, parseCli, recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { allSettings, DEFAULT_SETTINGS, type Setting } from './settings';
import { confusionText, meanStd, table } from './format';
import { studyReportHtml } from './report';

/** Where the results page (`pnpm results`) looks for this example's latest run. */
const REPORTS = fileURLToPath(new URL('../reports/', import.meta.url));

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
  evaluation: Evaluation;
}

interface SettingResult {
  setting: Setting;
  folds: FoldResult[];
  mean: number;
  std: number;
  seconds: number;
}

/** The images as flat 784-vectors, the layout the MLP takes. */
function flat(images: Float32Array, labels: ArrayLike<number>, classNames: readonly string[]): LabeledData {
  return { images, labels, shape: [labels.length, images.length / labels.length], classNames };
}

/** The training data of one run: the fold itself, plus a noisy copy of it when the setting asks for one. */
function withNoise(data: ImageDataset<Float32Array>, setting: Setting, seed: number): LabeledData {
  if (setting.noiseStd === 0) return flat(data.images, data.labels, data.classNames);
  const noisy = gaussianNoise(data.images, { std: setting.noiseStd, seed, clip: [0, 1] });
  const images = new Float32Array(data.images.length * 2);
  images.set(data.images);
  images.set(noisy, data.images.length);
  const labels = new Uint8Array(data.labels.length * 2);
  labels.set(data.labels);
  labels.set(data.labels, data.labels.length);
  return flat(images, labels, data.classNames);
}

const pct = (v: number): string => `${(100 * v).toFixed(2)} %`;

function subsetOf(data: ImageDataset<Float32Array>, idx: Int32Array): ImageDataset<Float32Array> {
  const size = data.images.length / data.labels.length;
  const images = new Float32Array(idx.length * size);
  const labels = new Uint8Array(idx.length);
  idx.forEach((i, r) => {
    images.set(data.images.subarray(i * size, (i + 1) * size), r * size);
    labels[r] = data.labels[i];
  });
  return { images, labels, shape: [idx.length, data.shape[1], data.shape[2], data.shape[3]], classNames: data.classNames };
}

async function fit(
  setting: Setting, trainSet: ImageDataset<Float32Array>, hidden: number[],
  opts: { epochs: number; batchSize: number; seed: number; label: string; verbose: boolean },
) {
  const model = mlp({ inputShape: [784], hidden, activation: setting.activation, stddev: 0.08, seed: opts.seed });
  const result = await train(model, withNoise(trainSet, setting, opts.seed + 17), {
    epochs: opts.epochs, batchSize: opts.batchSize, optimizer: setting.optimizer, l1: setting.l1, l2: setting.l2, seed: opts.seed,
    onProgress: epochLogger(opts.label, !opts.verbose),
  });
  return { model, result };
}

async function main(): Promise<void> {
  const cli = parseCli('mlp-mnist', USAGE, {
    epochs: { type: 'string' }, hidden: { type: 'string' }, settings: { type: 'string' }, folds: { type: 'string' },
    lr: { type: 'string' }, 'batch-size': { type: 'string' }, image: { type: 'string' }, verbose: { type: 'boolean' },
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
  if (hidden.some((h) => !Number.isInteger(h) || h < 1)) fail(`--hidden must be a comma list of positive integers, got '${cli.str('hidden')}'`);
  const verbose = cli.flag('verbose');
  const outDir = resolve(cli.str('out') ?? 'reports');
  const known = allSettings(lr);
  const settingsFlag = cli.str('settings');
  const names = settingsFlag?.trim() === 'all' ? known.map((s) => s.name) : cli.list('settings', DEFAULT_SETTINGS, known.map((s) => s.name));
  const settings = names.map((n) => known.find((s) => s.name === n) ?? fail(`unknown setting '${n}' (known: ${known.map((s) => s.name).join(', ')})`));
  if (settings.length === 0) fail('--settings is empty');

  const clock = stopwatch();
  const backend = await initBackend();
  console.log(`backend: ${backend.reason}`);
  const { train: trainAll, test } = await loadMnistSample({ dtype: 'float32', seed });
  if (imageIndex >= test.labels.length) fail(`--image must be below ${test.labels.length}`);
  const classNames = trainAll.classNames;
  console.log(`data: bundled MNIST sample, ${trainAll.labels.length} train / ${test.labels.length} test; MLP 784-${hidden.join('-')}-10, init N(0, 0.08)`);
  console.log(`protocol: ${folds}-fold stratified CV (seed ${seed}), ${epochs} epochs, batch ${batchSize}, lr ${lr}\n`);

  const splits = stratifiedKFold(trainAll.labels, { k: folds, seed });
  const results: SettingResult[] = [];
  for (const setting of settings) {
    const s0 = performance.now();
    const foldResults: FoldResult[] = [];
    for (let f = 0; f < splits.length; f++) {
      const trainSet = subsetOf(trainAll, splits[f].train);
      const valSet = subsetOf(trainAll, splits[f].test);
      const { model, result } = await fit(setting, trainSet, hidden, { epochs, batchSize, seed: seed * 1000 + f, label: `${setting.name} fold ${f + 1}`, verbose });
      const evaluation = evaluate(model, flat(valSet.images, valSet.labels, classNames), { classNames });
      model.dispose();
      foldResults.push({
        fold: f + 1, trainSize: trainSet.labels.length, valSize: valSet.labels.length,
        valAccuracy: evaluation.accuracy, valLoss: evaluation.loss, trainSeconds: result.seconds, history: result.history, evaluation,
      });
    }
    const { mean, std } = meanStd(foldResults.map((r) => r.valAccuracy));
    const seconds = (performance.now() - s0) / 1000;
    results.push({ setting, folds: foldResults, mean, std, seconds });
    console.log(`${setting.name.padEnd(20)} ${(100 * mean).toFixed(2)}% ± ${(100 * std).toFixed(2)}  [${foldResults.map((r) => (100 * r.valAccuracy).toFixed(1)).join(', ')}]  ${seconds.toFixed(1)} s`);
  }

  console.log(`\nCross-validated validation accuracy (${folds} folds, mean ± std):`);
  console.log(table(['setting', 'what', 'accuracy %', '± std', 'time s'], results.map((r) => [
    r.setting.name, r.setting.description, (100 * r.mean).toFixed(2), (100 * r.std).toFixed(2), r.seconds.toFixed(1),
  ]), 2));

  const best = results.reduce((a, b) => (b.mean > a.mean ? b : a));
  console.log(`\nBest setting: ${best.setting.name} (${(100 * best.mean).toFixed(2)}% ± ${(100 * best.std).toFixed(2)})`);
  for (const f of best.folds) {
    console.log(`\n--- ${best.setting.name}, fold ${f.fold}/${folds}: validation accuracy ${(100 * f.valAccuracy).toFixed(2)}% (${f.valSize} samples)`);
    console.log(confusionText(f.evaluation.confusionMatrix, classNames));
    console.log(`\n${f.evaluation.report.text}`);
  }

  const fin0 = performance.now();
  const { model, result } = await fit(best.setting, trainAll, hidden, { epochs, batchSize, seed, label: `${best.setting.name} all`, verbose });
  const testData = flat(test.images, test.labels, classNames);
  const testEval = evaluate(model, testData, { classNames });
  const finalSeconds = (performance.now() - fin0) / 1000;
  console.log(`\n=== Test set: ${best.setting.name} trained on all ${trainAll.labels.length} training images (${result.seconds.toFixed(1)} s)`);
  console.log(`test accuracy ${(100 * testEval.accuracy).toFixed(2)}%, loss ${testEval.loss.toFixed(4)}`);
  console.log(confusionText(testEval.confusionMatrix, classNames));
  console.log(`\n${testEval.report.text}`);

  const one = predictScores(model, { images: test.images.subarray(imageIndex * 784, (imageIndex + 1) * 784), shape: [1, 784] });
  const probs = Array.from(one.data);
  const predicted = probs.indexOf(Math.max(...probs));
  console.log(`\nTest image #${imageIndex} (true label ${test.labels[imageIndex]}): predicted ${predicted}`);
  console.log(probs.map((p, c) => `  P(${c}) = ${p.toFixed(4)} ${'#'.repeat(Math.round(p * 40))}`).join('\n'));
  model.dispose();
  clock.add('cross-validation', results.reduce((a, r) => a + r.seconds, 0));
  clock.add('final training + test', finalSeconds);
  const timing = clock.record();
  const totalSeconds = timing.total;
  console.log(`\ntotal time ${totalSeconds.toFixed(1)} s (backend ${backend.backend})`);

  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const htmlPath = await writeFileAtomicText(join(outDir, `mlp-mnist-${stamp}.html`), studyReportHtml({
    info: {
      data: `bundled MNIST sample, ${trainAll.labels.length} train / ${test.labels.length} test`,
      model: `MLP 784-${hidden.join('-')}-10, init N(0, 0.08)`,
      protocol: `${folds}-fold stratified cross-validation, ${epochs} epochs, batch ${batchSize}, lr ${lr}, seed ${seed}`,
      engine: backend.reason,
    },
    classNames,
    settings: results.map((r) => ({
      name: r.setting.name, description: r.setting.description, mean: r.mean, std: r.std, seconds: r.seconds,
      folds: r.folds.map((f) => ({
        fold: f.fold, valSize: f.valSize, valAccuracy: f.valAccuracy, history: f.history,
        confusion: f.evaluation.confusionMatrix, reportText: f.evaluation.report.text,
      })),
    })),
    best: best.setting.name,
    test: {
      setting: best.setting.name, accuracy: testEval.accuracy, loss: testEval.loss, history: result.history,
      confusion: testEval.confusionMatrix, reportText: testEval.report.text, trainSeconds: result.seconds,
    },
    image: { index: imageIndex, label: test.labels[imageIndex], predicted, probabilities: probs },
    timing,
  }));
  console.log(`report: ${htmlPath}`);

  const jsonPath = cli.str('json') === undefined ? undefined : resolve(cli.str('json') as string);
  if (jsonPath !== undefined) {
    const file = jsonPath;
    const json = {
      config: { epochs, folds, hidden, lr, batchSize, seed, stddev: 0.08, backend: backend.backend, engine: backend.engine },
      data: { train: trainAll.labels.length, test: test.labels.length, source: 'bundled MNIST sample' },
      settings: results.map((r) => ({
        name: r.setting.name, description: r.setting.description, activation: r.setting.activation, optimizer: r.setting.optimizer,
        l1: r.setting.l1, l2: r.setting.l2, noiseStd: r.setting.noiseStd, meanAccuracy: r.mean, stdAccuracy: r.std, seconds: r.seconds,
        folds: r.folds.map((f) => ({
          fold: f.fold, trainSize: f.trainSize, valSize: f.valSize, accuracy: f.valAccuracy, loss: f.valLoss, trainSeconds: f.trainSeconds,
          confusionMatrix: f.evaluation.confusionMatrix.toArray(), report: f.evaluation.report.toDict(),
        })),
      })),
      best: best.setting.name,
      test: {
        accuracy: testEval.accuracy, loss: testEval.loss, trainSeconds: result.seconds, seconds: finalSeconds,
        history: result.history, confusionMatrix: testEval.confusionMatrix.toArray(), report: testEval.report.toDict(),
      },
      image: { index: imageIndex, label: test.labels[imageIndex], predicted, probabilities: probs },
      totalSeconds,
      timing,
      report_html: htmlPath,
    };
    await writeJson(file, json);
    console.log(`metrics written to ${file}`);
  }
  const sigmoid = results.find((r) => r.setting.name === 'sigmoid-sgd');
  const relu = results.find((r) => r.setting.name === 'relu-sgd');
  await recordLatestReport(REPORTS, {
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

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
