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
import { parseArgs } from 'node:util';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { initBackend } from '@dlkit/backend';
import { gaussianNoise, loadMnistSample, stratifiedKFold, type ImageDataset } from '@dlkit/datasets';
import { evaluate, mlp, predictScores, train, type Evaluation, type LabeledData } from '@dlkit/models';
import { allSettings, DEFAULT_SETTINGS, type Setting } from './settings';
import { confusionText, meanStd, table } from './format';

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
  --json FILE         write every metric and timing as JSON
  -h, --help          this text`;

function fail(message: string): never {
  console.error(`mlp-mnist: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function intFlag(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got '${value}'`);
  return n;
}

interface FoldResult {
  fold: number;
  trainSize: number;
  valSize: number;
  valAccuracy: number;
  valLoss: number;
  trainSeconds: number;
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

async function fit(setting: Setting, trainSet: ImageDataset<Float32Array>, hidden: number[], opts: { epochs: number; batchSize: number; seed: number }) {
  const model = mlp({ inputShape: [784], hidden, activation: setting.activation, stddev: 0.08, seed: opts.seed });
  const result = await train(model, withNoise(trainSet, setting, opts.seed + 17), {
    epochs: opts.epochs, batchSize: opts.batchSize, optimizer: setting.optimizer, l1: setting.l1, l2: setting.l2, seed: opts.seed,
  });
  return { model, result };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--') argv.shift(); // `pnpm … start -- --flags` passes the separator through
  const { values } = parseArgs({
    args: argv,
    options: {
      epochs: { type: 'string' }, hidden: { type: 'string' }, settings: { type: 'string' }, folds: { type: 'string' },
      lr: { type: 'string' }, 'batch-size': { type: 'string' }, seed: { type: 'string' }, image: { type: 'string' },
      json: { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const epochs = intFlag('epochs', values.epochs, 5, 1);
  const folds = intFlag('folds', values.folds, 5, 2);
  const batchSize = intFlag('batch-size', values['batch-size'], 32, 1);
  const seed = intFlag('seed', values.seed, 1, 0);
  const imageIndex = intFlag('image', values.image, 0, 0);
  const lr = values.lr === undefined ? 0.05 : Number(values.lr);
  if (!(lr > 0 && Number.isFinite(lr))) fail(`--lr must be a positive number, got '${values.lr}'`);
  const hidden = (values.hidden ?? '128').split(',').map((s) => Number(s.trim()));
  if (hidden.some((h) => !Number.isInteger(h) || h < 1)) fail(`--hidden must be a comma list of positive integers, got '${values.hidden}'`);
  const known = allSettings(lr);
  const names = values.settings === undefined ? DEFAULT_SETTINGS
    : values.settings.trim() === 'all' ? known.map((s) => s.name) : values.settings.split(',').map((s) => s.trim()).filter((s) => s !== '');
  const settings = names.map((n) => known.find((s) => s.name === n) ?? fail(`unknown setting '${n}' (known: ${known.map((s) => s.name).join(', ')})`));
  if (settings.length === 0) fail('--settings is empty');

  const t0 = performance.now();
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
      const { model, result } = await fit(setting, trainSet, hidden, { epochs, batchSize, seed: seed * 1000 + f });
      const evaluation = evaluate(model, flat(valSet.images, valSet.labels, classNames), { classNames });
      model.dispose();
      foldResults.push({
        fold: f + 1, trainSize: trainSet.labels.length, valSize: valSet.labels.length,
        valAccuracy: evaluation.accuracy, valLoss: evaluation.loss, trainSeconds: result.seconds, evaluation,
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
  const { model, result } = await fit(best.setting, trainAll, hidden, { epochs, batchSize, seed });
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
  const totalSeconds = (performance.now() - t0) / 1000;
  console.log(`\ntotal time ${totalSeconds.toFixed(1)} s (backend ${backend.backend})`);

  if (values.json !== undefined) {
    const file = resolve(values.json);
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
    };
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`metrics written to ${file}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
