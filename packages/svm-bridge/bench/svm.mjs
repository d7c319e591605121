// Benchmark @dlkit/svm-bridge against scikit-learn SVC / LinearSVC in the same run, on identical data
// (sklearn writes the datasets; both sides read the same bytes). Run after `pnpm build`:
//   pnpm bench            (LINEAR_ROWS=50000 by default)
//   pnpm bench --linear-fashion   (only LinearSVC on 50,000 × 512 Fashion-MNIST random-ReLU features vs sklearn; bench/linear-fashion.mjs)
//   pnpm bench --rbf      (only the RBF digits fit: SMO vs libsvm-js vs scikit-learn; writes bench/results-rbf.json)
// Writes bench/results.json. Fit times are reported as wall and CPU seconds (process.cpuUsage / time.process_time),
// best of REPEATS, because the benchmark machine may be shared.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LinearSVC, SVC, loadLibsvm } from '../dist/index.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'svm-bridge-bench-'));
const REPEATS = Number(process.env.REPEATS ?? 7);
const RBF_ONLY = process.argv.includes('--rbf');
const LINEAR_FASHION = process.argv.includes('--linear-fashion');

function f32(file) {
  const b = readFileSync(join(dir, file));
  return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
}
function f64(file) {
  const b = readFileSync(join(dir, file));
  return new Float64Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
function i32(file) {
  const b = readFileSync(join(dir, file));
  return new Int32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}
async function bestOf(fn) {
  let best = Infinity;
  let bestCpu = Infinity;
  let result;
  for (let i = 0; i < REPEATS; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    result = await fn();
    best = Math.min(best, (performance.now() - t) / 1000);
    const u = process.cpuUsage(c);
    bestCpu = Math.min(bestCpu, (u.user + u.system) / 1e6);
  }
  return [best, result, bestCpu];
}
const acc = (p, y, off = 0) => p.reduce((s, v, i) => s + (v === y[off + i] ? 1 : 0), 0) / p.length;

try {
  if (LINEAR_FASHION) {
    const { runLinearFashion } = await import('./linear-fashion.mjs');
    await runLinearFashion({ here, dir });
  } else {
    console.error('sklearn peer: generating data and timing scikit-learn …');
    const env = RBF_ONLY ? { ...process.env, LINEAR_ROWS: '0', DIGITS_CONFIGS: 'rbf' } : process.env;
    const py = spawnSync('/usr/bin/python3', [join(here, 'sklearn_peer.py'), dir], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env,
    });
    if (py.status !== 0) throw new Error(`sklearn peer failed with status ${py.status}`);
    const sk = JSON.parse(readFileSync(join(dir, 'sklearn.json'), 'utf8'));

    await loadLibsvm(); // load cost paid once, outside the timings
    const Xall = f64('digits_X.f64');
    const y = i32('digits_y.i32');
    const Xtr = { data: Xall.subarray(0, 1200 * 64), rows: 1200, cols: 64 };
    const Xte = { data: Xall.subarray(1200 * 64), rows: 597, cols: 64 };
    const ytr = y.subarray(0, 1200);
    const digits = {};
    const allConfigs = {
      rbf: { kernel: 'rbf', C: 1, gamma: 'scale' },
      linear: { kernel: 'linear', C: 0.1 },
      poly: { kernel: 'poly', C: 1, gamma: 'scale' },
    };
    const configs = RBF_ONLY ? { rbf: allConfigs.rbf } : allConfigs;
    for (const [name, opts] of Object.entries(configs)) {
      const lib = { ...opts, solver: 'libsvm' };
      await new SVC(opts).fit(Xtr, ytr); // warm-up
      await new SVC(lib).fit(Xtr, ytr);
      const [fitS, svc, fitCpu] = await bestOf(() => new SVC(opts).fit(Xtr, ytr));
      const [libS, , libCpu] = await bestOf(() => new SVC(lib).fit(Xtr, ytr));
      const [predS, pred] = await bestOf(() => svc.predict(Xte));
      const ref = sk.digits[name];
      digits[name] = {
        options: opts,
        fitSeconds: fitS,
        fitCpuSeconds: fitCpu,
        libsvmJsFitSeconds: libS,
        libsvmJsFitCpuSeconds: libCpu,
        sklearnFitCpuSeconds: ref.fitCpuSeconds,
        fitCpuRatio: fitCpu / ref.fitCpuSeconds,
        libsvmJsFitCpuRatio: libCpu / ref.fitCpuSeconds,
        predictSeconds: predS,
        accuracy: acc(pred, y, 1200),
        sklearnFitSeconds: ref.fitSeconds,
        sklearnPredictSeconds: ref.predictSeconds,
        sklearnAccuracy: ref.accuracy,
        fitRatio: fitS / ref.fitSeconds,
        predictRatio: predS / ref.predictSeconds,
        identicalPredictions: acc(pred, ref.predictions),
      };
      const ms = (v) => (v * 1e3).toFixed(1);
      console.error(
        `digits ${name}: fit wall ${ms(fitS)} ms (libsvm-js ${ms(libS)}) vs sklearn ${ms(ref.fitSeconds)} ms (×${digits[name].fitRatio.toFixed(2)}; libsvm-js ×${(libS / ref.fitSeconds).toFixed(2)}); ` +
          `fit CPU ${ms(fitCpu)} ms (libsvm-js ${ms(libCpu)}) vs sklearn ${ms(ref.fitCpuSeconds)} ms (×${digits[name].fitCpuRatio.toFixed(2)}; libsvm-js ×${digits[name].libsvmJsFitCpuRatio.toFixed(2)}); ` +
          `predict ×${digits[name].predictRatio.toFixed(2)}, agreement ${(digits[name].identicalPredictions * 100).toFixed(2)}%`,
      );
    }
    if (RBF_ONLY) {
      writeFileSync(
        join(here, 'results-rbf.json'),
        `${JSON.stringify({ date: new Date().toISOString(), node: process.version, sklearn: sk.sklearn, repeats: REPEATS, digits }, null, 2)}\n`,
      );
      console.error('wrote bench/results-rbf.json');
    } else {
      const rows = sk.linear.rows;
      const XL = f32('linear_X.f32');
      const yL = i32('linear_y.i32');
      const t0 = performance.now();
      const lin = new LinearSVC({ C: 0.01, tol: 1e-4, maxIter: 200 }).fit(
        { data: XL.subarray(0, rows * 512), rows, cols: 512 },
        yL.subarray(0, rows),
      );
      const linFit = (performance.now() - t0) / 1000;
      const linPred = lin.predict({ data: XL.subarray(rows * 512), rows: XL.length / 512 - rows, cols: 512 });
      const linear = {
        rows,
        cols: 512,
        classes: 10,
        fitSeconds: linFit,
        passes: Array.from(lin.nIter),
        accuracy: acc(linPred, yL, rows),
        sklearnFitSeconds: sk.linear.fitSeconds,
        sklearnAccuracy: sk.linear.accuracy,
        fitRatio: linFit / sk.linear.fitSeconds,
        targetSeconds: 60,
      };
      console.error(
        `linear ${rows}×512, 10 classes OvR: fit ${linFit.toFixed(1)} s vs sklearn ${sk.linear.fitSeconds.toFixed(1)} s (×${linear.fitRatio.toFixed(2)}), accuracy ${linear.accuracy.toFixed(4)} vs ${sk.linear.accuracy.toFixed(4)}`,
      );

      const results = {
        date: new Date().toISOString(),
        node: process.version,
        sklearn: sk.sklearn,
        repeats: REPEATS,
        digits,
        linear,
      };
      writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
      console.error('wrote bench/results.json');
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
