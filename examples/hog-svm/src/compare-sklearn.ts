/**
 * The same HOG features into our SVC (TypeScript SMO, wasm SIMD kernels) and into scikit-learn's SVC
 * (libsvm in C), in one run: fit and predict times (wall and CPU), accuracy and identical predictions.
 * Fashion-MNIST, a stratified training subsample (`--train N|all`, default 20000) and the first `--test`
 * test images (default all 10,000); RBF C = 5, gamma = 0.05 as in the report.
 *
 *   pnpm --filter @dlkit-examples/hog-svm exec tsx src/compare-sklearn.ts [--train 20000] [--test 10000] [--json FILE]
 *
 * Needs Python 3 with scikit-learn (a benchmark peer only): `/usr/bin/python3`, or the one `--python PATH` names.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCli, writeJson } from '@dlkit-examples/common';
import { subset } from '@dlkit/datasets';
import { accuracy } from '@dlkit/metrics';
import { SVC, hogBatch } from '@dlkit/svm-bridge';
import { loadFashion } from './fashion-data';
import { HOG } from './hog-settings';
import { PYTHON, sklearnProblem } from './sklearn-check';

const USAGE = `Usage: compare-sklearn [--train N|all] [--test N] [--C 5] [--gamma 0.05] [--fashion-root DIR] [--seed N] [--python PATH] [--json FILE]`;
const cli = parseCli('compare-sklearn', USAGE, {
  train: { type: 'string' },
  test: { type: 'string' },
  C: { type: 'string' },
  gamma: { type: 'string' },
  'fashion-root': { type: 'string' },
  python: { type: 'string' },
});
const nTrainFlag = cli.str('train') === 'all' ? Infinity : cli.int('train', 20000);
const C = cli.float('C', 5);
const gamma = cli.float('gamma', 0.05);
const seed = cli.int('seed', 0, 0);
const root = cli.str('fashion-root') ?? '/usr/share/datasets/fashion-mnist';
// Before the data and the fit: without scikit-learn there is nothing to compare with.
const python = cli.str('python') ?? PYTHON;
const problem = sklearnProblem(python);
if (problem !== undefined) {
  console.error(`compare-sklearn: ${problem}`);
  process.exit(1);
}

const { train: full, test: fullTest } = await loadFashion('compare-sklearn', root);
const train = nTrainFlag < full.shape[0] ? subset(full, nTrainFlag, { seed }) : full;
const nTest = Math.min(cli.int('test', fullTest.shape[0]), fullTest.shape[0]);
const Xtr = hogBatch(train.images, train.shape, HOG);
const XteAll = hogBatch(fullTest.images, fullTest.shape, HOG);
const Xte = { data: XteAll.data.subarray(0, nTest * XteAll.cols), rows: nTest, cols: XteAll.cols };
const yte = Int32Array.from(fullTest.labels.subarray(0, nTest));
console.log(`Fashion-MNIST HOG: ${Xtr.rows} train / ${nTest} test × ${Xtr.cols}; RBF C=${C} gamma=${gamma}`);

const timed = async <T>(fn: () => T | Promise<T>): Promise<[T, number, number]> => {
  const c = process.cpuUsage();
  const t = performance.now();
  const out = await fn();
  const u = process.cpuUsage(c);
  return [out, (performance.now() - t) / 1000, (u.user + u.system) / 1e6];
};
const [svc, fitS, fitCpu] = await timed(() => new SVC({ kernel: 'rbf', C, gamma }).fit(Xtr, train.labels));
const [pred, predS, predCpu] = await timed(() => svc.predict(Xte));
const ours = {
  fitSeconds: fitS,
  fitCpuSeconds: fitCpu,
  predictSeconds: predS,
  predictCpuSeconds: predCpu,
  accuracy: accuracy(yte, pred),
  supportVectors: svc.supportVectorCount,
};
console.log(
  `dlkit  : fit ${fitS.toFixed(1)} s (CPU ${fitCpu.toFixed(1)} s), predict ${predS.toFixed(1)} s (CPU ${predCpu.toFixed(1)} s), ${ours.supportVectors} SV, accuracy ${(ours.accuracy * 100).toFixed(2)}%`,
);

const dir = mkdtempSync(join(tmpdir(), 'hog-svm-sklearn-'));
try {
  writeFileSync(join(dir, 'Xtr.f32'), Xtr.data);
  writeFileSync(join(dir, 'ytr.i32'), Int32Array.from(train.labels));
  writeFileSync(join(dir, 'Xte.f32'), Xte.data);
  writeFileSync(join(dir, 'yte.i32'), yte);
  const script = fileURLToPath(new URL('./sklearn_svc.py', import.meta.url));
  const py = spawnSync(python, [script, dir, String(Xtr.cols), String(C), String(gamma)], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (py.status !== 0) throw new Error(`sklearn_svc.py failed with status ${py.status}`);
  const sk = JSON.parse(readFileSync(join(dir, 'sklearn.json'), 'utf8')) as {
    sklearn: string;
    fitSeconds: number;
    fitCpuSeconds: number;
    predictSeconds: number;
    predictCpuSeconds: number;
    accuracy: number;
    supportVectors: number;
    predictions: number[];
  };
  let same = 0;
  for (let i = 0; i < nTest; i++) same += pred[i] === sk.predictions[i] ? 1 : 0;
  const { predictions: _, ...sklearn } = sk;
  const result = {
    experiment: 'hog-svm-vs-sklearn',
    data: `Fashion-MNIST, ${Xtr.rows} training images (stratified, seed ${seed}) / first ${nTest} test images, HOG ${Xtr.cols}`,
    svm: { kernel: 'rbf', C, gamma },
    node: process.version,
    dlkit: ours,
    sklearn,
    fitCpuRatio: fitCpu / sk.fitCpuSeconds,
    fitRatio: fitS / sk.fitSeconds,
    predictCpuRatio: predCpu / sk.predictCpuSeconds,
    identicalPredictions: same / nTest,
  };
  console.log(
    `sklearn: fit ${sk.fitSeconds.toFixed(1)} s (CPU ${sk.fitCpuSeconds.toFixed(1)} s), predict ${sk.predictSeconds.toFixed(1)} s (CPU ${sk.predictCpuSeconds.toFixed(1)} s), ${sk.supportVectors} SV, accuracy ${(sk.accuracy * 100).toFixed(2)}%`,
  );
  console.log(
    `fit CPU ratio ×${result.fitCpuRatio.toFixed(2)}, predict CPU ratio ×${result.predictCpuRatio.toFixed(2)}, identical predictions ${(result.identicalPredictions * 100).toFixed(2)}%`,
  );
  const json = cli.str('json');
  if (json) {
    await writeJson(json, result);
    console.log(`wrote ${json}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
