// Benchmark: PCA → 50 then t-SNE (Barnes–Hut) on Fashion-MNIST, against scikit-learn's TSNE.
// usage: node bench/tsne.mjs [--sizes 1000,10000,70000] [--sklearn-sizes 1000,10000] [--no-sklearn]
//                            [--sklearn-threads N] [--merge]   (--merge keeps other sizes' runs from an existing results.json)
// Writes bench/results.json and bench/out/fashion-<n>-<impl>.json (the 2-D maps as numbers, not committed;
// @dlkit/report's scatterPlot draws them: this package computes only).
// Needs `pnpm build` first.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { PCA, knnAccuracy, trustworthiness, tsne } from '../dist/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const DATA_DIR = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
const CLASS_NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : def;
};
const sizes = opt('--sizes', '1000,10000,70000').split(',').map(Number);
const sklearnSizes = args.includes('--no-sklearn') ? [] : opt('--sklearn-sizes', '1000,10000').split(',').map(Number);
// OpenMP threads for scikit-learn (its Barnes–Hut gradient is OpenMP-parallel; on a busy machine
// spinning OpenMP threads can be many times slower than one thread). Default: scikit-learn's own default.
const sklearnThreads = opt('--sklearn-threads', process.env.OMP_NUM_THREADS ?? '');

/** Tiny IDX reader (gzipped): returns { dims, data: Uint8Array }. */
function readIdx(file) {
  const buf = gunzipSync(readFileSync(path.join(DATA_DIR, file)));
  const nd = buf[3];
  const dims = [];
  for (let i = 0; i < nd; i++) dims.push(buf.readUInt32BE(4 + 4 * i));
  return {
    dims,
    data: new Uint8Array(
      buf.buffer,
      buf.byteOffset + 4 + 4 * nd,
      dims.reduce((a, b) => a * b, 1),
    ),
  };
}

function log(...m) {
  if (process.stdout.isTTY || process.env.BENCH_VERBOSE) console.error(...m);
}

if (!existsSync(path.join(DATA_DIR, 't10k-images-idx3-ubyte.gz'))) {
  console.error(`Fashion-MNIST not found in ${DATA_DIR}; set FASHION_MNIST_DIR.`);
  process.exit(1);
}
// Test set first (so 1,000 and 10,000 are test-set prefixes), then the training set: 70,000 in all.
const testImg = readIdx('t10k-images-idx3-ubyte.gz');
const testLab = readIdx('t10k-labels-idx1-ubyte.gz');
const trainImg = readIdx('train-images-idx3-ubyte.gz');
const trainLab = readIdx('train-labels-idx1-ubyte.gz');
const D = 784;
const allImg = new Uint8Array(70000 * D);
allImg.set(testImg.data, 0);
allImg.set(trainImg.data, 10000 * D);
const allLab = new Uint8Array(70000);
allLab.set(testLab.data, 0);
allLab.set(trainLab.data, 10000);

const hasSklearn = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const results = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, node: process.version, loadavgAtStart: os.loadavg() },
  data: 'Fashion-MNIST (test set first, then training set), pixels / 255, PCA to 50 dimensions fitted on the embedded points',
  settings: {
    perplexity: 30,
    earlyExaggeration: 12,
    learningRate: 'auto',
    nIter: 1000,
    init: 'pca',
    angle: 0.5,
    seed: 0,
    trustworthinessK: 5,
    knnAccuracyK: 5,
  },
  runs: [],
};
const outDir = path.join(here, 'out');
mkdirSync(outDir, { recursive: true });
/** One map as numbers: `scatterPlot({ points, labels, classNames, title })` of @dlkit/report draws it. */
const saveMap = (n, impl, Y, labels, note) => {
  const title = `Fashion-MNIST ${n.toLocaleString('en')} (${impl === 'dlkit' ? 'dlkit' : 'scikit-learn'})`;
  const map = { title, note, classNames: CLASS_NAMES, dims: Y.cols, points: Array.from(Y.data), labels: Array.from(labels) };
  writeFileSync(path.join(outDir, `fashion-${n}-${impl}.json`), JSON.stringify(map));
};
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dlkit-embeddings-bench-'));
try {
  for (const n of sizes) {
    const X = { data: new Float32Array(n * D), rows: n, cols: D };
    for (let i = 0; i < n * D; i++) X.data[i] = allImg[i] / 255;
    const labels = allLab.subarray(0, n);
    let t = performance.now();
    const X50 = new PCA({ nComponents: 50 }).fitTransform(X);
    const pcaSeconds = (performance.now() - t) / 1000;
    log(`n=${n}: PCA ${pcaSeconds.toFixed(1)} s`);
    t = performance.now();
    const cpu0 = process.cpuUsage();
    const r = tsne(X50, {
      method: 'barnes-hut',
      seed: 0,
      onProgress: (p) => log(`  it ${p.iteration} KL ${p.klDivergence.toFixed(4)} ${(p.elapsedMs / 1000).toFixed(1)} s`),
    });
    const tsneSeconds = (performance.now() - t) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const tsneCpuSeconds = (cpu.user + cpu.system) / 1e6;
    const sampleSize = n > 20000 ? 5000 : n;
    t = performance.now();
    const T = trustworthiness(X50, r.embedding, 5, { sampleSize, seed: 0 });
    const knn = knnAccuracy(r.embedding, labels, { k: 5 });
    const evalSeconds = (performance.now() - t) / 1000;
    const run = {
      n,
      implementation: 'dlkit',
      method: r.method,
      neighbors: r.neighbors,
      threads: r.threads,
      pcaSeconds,
      tsneSeconds,
      tsneCpuSeconds,
      timings: Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, v / 1000])),
      trustworthiness: T,
      trustworthinessSample: sampleSize < n ? sampleSize : undefined,
      knnAccuracy: knn,
      klDivergence: r.klDivergence,
      iterations: r.iterations,
      evalSeconds,
      loadavg: os.loadavg(),
    };
    results.runs.push(run);
    log(JSON.stringify(run));
    saveMap(n, 'dlkit', r.embedding, labels, `T(5) = ${T.toFixed(4)}, ${tsneSeconds.toFixed(1)} s`);

    if (hasSklearn && sklearnSizes.includes(n)) {
      const xf = path.join(tmp, `x${n}.f32`);
      const lf = path.join(tmp, `y${n}.u8`);
      const of = path.join(tmp, `out${n}.f32`);
      writeFileSync(xf, Buffer.from(X50.data.buffer, X50.data.byteOffset, X50.data.byteLength));
      writeFileSync(lf, Buffer.from(labels));
      log(`n=${n}: scikit-learn TSNE…`);
      const env = { ...process.env };
      if (sklearnThreads) env.OMP_NUM_THREADS = sklearnThreads;
      else delete env.OMP_NUM_THREADS;
      const out = JSON.parse(
        execFileSync(PYTHON, [path.join(here, 'sklearn_tsne.py'), xf, String(n), '50', lf, of], {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
          env,
        }),
      );
      const buf = readFileSync(of);
      const Ysk = { data: new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)), rows: n, cols: 2 };
      const sk = {
        n,
        implementation: `scikit-learn ${out.sklearn}`,
        ompNumThreads: sklearnThreads || 'default',
        method: 'barnes-hut',
        tsneSeconds: out.seconds,
        tsneCpuSeconds: out.cpu_seconds,
        trustworthiness: out.trustworthiness,
        trustworthinessDlkitOnSklearnMap: trustworthiness(X50, Ysk, 5),
        knnAccuracy: knnAccuracy(Ysk, labels, { k: 5 }),
        klDivergence: out.kl,
        iterations: out.n_iter,
        loadavg: os.loadavg(),
      };
      results.runs.push(sk);
      run.trustworthinessDeltaVsSklearn = T - out.trustworthiness;
      run.speedupVsSklearn = out.seconds / tsneSeconds;
      log(JSON.stringify(sk));
      saveMap(n, 'sklearn', Ysk, labels, `T(5) = ${out.trustworthiness.toFixed(4)}, ${out.seconds.toFixed(1)} s`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
results.machine.loadavgAtEnd = os.loadavg();
if (args.includes('--merge') && existsSync(path.join(here, 'results.json'))) {
  const old = JSON.parse(readFileSync(path.join(here, 'results.json'), 'utf8'));
  // Keep old runs that were not measured again now (same size and same implementation family).
  const family = (r) => (r.implementation === 'dlkit' ? 'dlkit' : 'sklearn');
  const fresh = new Set(results.runs.map((r) => `${r.n}:${family(r)}`));
  const kept = old.runs.filter((r) => !fresh.has(`${r.n}:${family(r)}`));
  results.runs = [...kept, ...results.runs].sort((a, b) => a.n - b.n);
  results.previous = { date: old.date, machine: old.machine, kept: kept.map((r) => `${r.n}:${family(r)}`) };
}
for (const run of results.runs) {
  const sk = results.runs.find((r) => r.n === run.n && r.implementation !== 'dlkit');
  if (run.implementation === 'dlkit' && sk) {
    run.trustworthinessDeltaVsSklearn = run.trustworthiness - sk.trustworthiness;
    run.speedupVsSklearn = sk.tsneSeconds / run.tsneSeconds;
  }
}
writeFileSync(path.join(here, 'results.json'), JSON.stringify(results, null, 2) + '\n');
console.log(
  JSON.stringify(
    results.runs.map(({ n, implementation, tsneSeconds, trustworthiness: T, knnAccuracy: a }) => ({
      n,
      implementation,
      tsneSeconds,
      T,
      knnAccuracy: a,
    })),
  ),
);
