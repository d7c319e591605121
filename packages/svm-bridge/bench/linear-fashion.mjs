// `node bench/svm.mjs --linear-fashion`: the linear one-vs-rest target (50,000 × 512 under 60 s) on realistic
// features. Fashion-MNIST (FASHION_DIR, default /usr/share/datasets/fashion-mnist) → pixels/255 → a fixed seeded
// random projection to 512 + ReLU (an untrained dense layer) → standardised with the 50,000 training rows' statistics.
// The features are written once as raw float32 and read by both LinearSVC and scikit-learn's LinearSVC
// (same C, tol, max_iter) in the same run. Writes bench/results-linear-fashion.json.
// Development knobs: FEATURES_CACHE=DIR keeps the features between runs; SKIP_SKLEARN=1 times only dlkit (no results file).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { LinearSVC } from '../dist/index.js';

const ROWS = Number(process.env.LINEAR_ROWS ?? 50000);
const COLS = 512;
const OPTS = { C: Number(process.env.LINEAR_C ?? 0.01), tol: 1e-4, maxIter: Number(process.env.LINEAR_MAX_ITER ?? 1000) };

/** Tiny IDX reader (gzip): returns { dims, bytes } of an unsigned-byte IDX file. */
function readIdx(file) {
  const b = gunzipSync(readFileSync(file));
  if (b[2] !== 0x08) throw new Error(`${file}: IDX type 0x${b[2].toString(16)}, expected unsigned byte (0x08)`);
  const nd = b[3];
  const dims = [];
  for (let i = 0; i < nd; i++) dims.push(b.readUInt32BE(4 + 4 * i));
  return { dims, bytes: b.subarray(4 + 4 * nd) };
}

function gaussian(seed) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** ReLU(x/255 · W + b), W ~ N(0, 2/784) (He init), b ~ N(0, 0.01²); rows × 512 Float32Array. */
function project(pixels, rows, W, b) {
  const D = 784;
  const out = new Float32Array(rows * COLS);
  const x = new Float32Array(D);
  const acc = new Float32Array(COLS);
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < D; k++) x[k] = pixels[r * D + k] / 255;
    acc.set(b);
    for (let k = 0; k < D; k++) {
      const v = x[k];
      if (v === 0) continue; // Fashion-MNIST is about half zeros
      const wo = k * COLS;
      for (let c = 0; c < COLS; c++) acc[c] += v * W[wo + c];
    }
    for (let c = 0; c < COLS; c++) out[r * COLS + c] = acc[c] > 0 ? acc[c] : 0;
  }
  return out;
}

export async function runLinearFashion({ here, dir }) {
  const root = process.env.FASHION_DIR ?? '/usr/share/datasets/fashion-mnist';
  const tr = readIdx(join(root, 'train-images-idx3-ubyte.gz'));
  const trY = readIdx(join(root, 'train-labels-idx1-ubyte.gz')).bytes;
  const te = readIdx(join(root, 't10k-images-idx3-ubyte.gz'));
  const teY = readIdx(join(root, 't10k-labels-idx1-ubyte.gz')).bytes;
  const nTest = te.dims[0];
  const cache = process.env.FEATURES_CACHE;
  const cached = cache && existsSync(join(cache, `fashion_Xtr_${ROWS}.f32`));
  const g = gaussian(12345);
  const W = new Float32Array(784 * COLS).map(() => g() * Math.sqrt(2 / 784));
  const b = new Float32Array(COLS).map(() => g() * 0.01);
  const t = performance.now();
  const readF32 = (f) => {
    const buf = readFileSync(join(cache, f));
    return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
  };
  const Xtr = cached ? readF32(`fashion_Xtr_${ROWS}.f32`) : project(tr.bytes, ROWS, W, b);
  const Xte = cached ? readF32(`fashion_Xte_${ROWS}.f32`) : project(te.bytes, nTest, W, b);
  if (!cached) standardise(Xtr, Xte);
  if (cache && !cached) {
    mkdirSync(cache, { recursive: true });
    writeFileSync(join(cache, `fashion_Xtr_${ROWS}.f32`), Xtr);
    writeFileSync(join(cache, `fashion_Xte_${ROWS}.f32`), Xte);
  }
  console.error(`features: ${ROWS} + ${nTest} rows × ${COLS} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const ytr = Int32Array.from(trY.subarray(0, ROWS));
  const yte = Int32Array.from(teY.subarray(0, nTest));
  writeFileSync(join(dir, 'fashion_Xtr.f32'), Xtr);
  writeFileSync(join(dir, 'fashion_Xte.f32'), Xte);
  writeFileSync(join(dir, 'fashion_ytr.i32'), ytr);
  writeFileSync(join(dir, 'fashion_yte.i32'), yte);
  await timeAndCompare({ here, dir, Xtr, Xte, ytr, yte, nTest });
}

function standardise(Xtr, Xte) {
  // Standardise with training statistics (constant columns keep scale 1).
  const mean = new Float64Array(COLS);
  const sq = new Float64Array(COLS);
  for (let r = 0; r < ROWS; r++)
    for (let c = 0; c < COLS; c++) {
      const v = Xtr[r * COLS + c];
      mean[c] += v;
      sq[c] += v * v;
    }
  for (let c = 0; c < COLS; c++) {
    mean[c] /= ROWS;
    const sd = Math.sqrt(Math.max(sq[c] / ROWS - mean[c] ** 2, 0));
    sq[c] = sd > 1e-12 ? sd : 1;
  }
  for (const X of [Xtr, Xte])
    for (let i = 0; i < X.length; i++) {
      const c = i % COLS;
      X[i] = (X[i] - mean[c]) / sq[c];
    }
}

async function timeAndCompare({ here, dir, Xtr, Xte, ytr, yte, nTest }) {
  console.error(`dlkit LinearSVC ${JSON.stringify(OPTS)} …`);
  const c0 = process.cpuUsage();
  const t = performance.now();
  const clf = new LinearSVC(OPTS).fit({ data: Xtr, rows: ROWS, cols: COLS }, ytr);
  const fitSeconds = (performance.now() - t) / 1000;
  const cu = process.cpuUsage(c0);
  const fitCpuSeconds = (cu.user + cu.system) / 1e6;
  const pred = clf.predict({ data: Xte, rows: nTest, cols: COLS });
  let hit = 0;
  for (let i = 0; i < nTest; i++) hit += pred[i] === yte[i] ? 1 : 0;
  const accuracy = hit / nTest;
  const passes = Array.from(clf.nIter);
  console.error(
    `dlkit: fit ${fitSeconds.toFixed(1)} s wall, ${fitCpuSeconds.toFixed(1)} s CPU, passes ${passes.join(',')}, test accuracy ${accuracy.toFixed(4)}`,
  );

  if (process.env.SKIP_SKLEARN === '1') return;
  console.error('scikit-learn LinearSVC on the same bytes …');
  const py = spawnSync(
    '/usr/bin/python3',
    [
      join(here, 'sklearn_linear_fashion.py'),
      dir,
      String(ROWS),
      String(nTest),
      String(COLS),
      String(OPTS.C),
      String(OPTS.tol),
      String(OPTS.maxIter),
    ],
    {
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  if (py.status !== 0) throw new Error(`sklearn_linear_fashion.py failed with status ${py.status}`);
  const sk = JSON.parse(readFileSync(join(dir, 'sklearn-linear-fashion.json'), 'utf8'));
  let same = 0;
  for (let i = 0; i < nTest; i++) same += pred[i] === sk.predictions[i] ? 1 : 0;
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    sklearn: sk.sklearn,
    data: `Fashion-MNIST, first ${ROWS} training images / ${nTest} test images, seeded random projection 784→${COLS} + ReLU, standardised`,
    options: OPTS,
    rows: ROWS,
    cols: COLS,
    classes: 10,
    fitSeconds,
    fitCpuSeconds,
    passes,
    accuracy,
    sklearnFitSeconds: sk.fitSeconds,
    sklearnFitCpuSeconds: sk.fitCpuSeconds,
    sklearnNIter: sk.nIter,
    sklearnAccuracy: sk.accuracy,
    fitRatio: fitSeconds / sk.fitSeconds,
    fitCpuRatio: fitCpuSeconds / sk.fitCpuSeconds,
    identicalPredictions: same / nTest,
    targetSeconds: 60,
  };
  console.error(
    `linear fashion ${ROWS}×${COLS} OvR: dlkit ${fitSeconds.toFixed(1)} s wall / ${fitCpuSeconds.toFixed(1)} s CPU (acc ${accuracy.toFixed(4)}) vs sklearn ` +
      `${sk.fitSeconds.toFixed(1)} s / ${sk.fitCpuSeconds.toFixed(1)} s CPU (n_iter ${sk.nIter}, acc ${sk.accuracy.toFixed(4)}); agreement ${(result.identicalPredictions * 100).toFixed(2)}%`,
  );
  writeFileSync(join(here, 'results-linear-fashion.json'), `${JSON.stringify(result, null, 2)}\n`);
  console.error('wrote bench/results-linear-fashion.json');
}
