// Load-time benchmark: full Fashion-MNIST (60k + 10k, IDX gz from Debian's dataset-fashion-mnist) and the
// bundled MNIST sample. Run after `pnpm build`: `pnpm bench`. Writes bench/results.json.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, '..', 'dist', 'index.js');
const root = process.env.FASHION_MNIST_DIR ?? '/usr/share/datasets/fashion-mnist';
const runs = Number(process.env.BENCH_RUNS ?? 5);

/** Each measurement runs in a fresh process so module caches and JIT warm-up count, as for a user. */
function timeInChild(code) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop());
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return {
    runs: s.length,
    minMs: +s[0].toFixed(1),
    medianMs: +s[Math.floor(s.length / 2)].toFixed(1),
    maxMs: +s.at(-1).toFixed(1),
  };
};

const results = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };

if (existsSync(root)) {
  const code = `
    import { loadMnist } from ${JSON.stringify(dist)};
    const t = performance.now();
    const { train, test } = await loadMnist({ variant: 'fashion', root: ${JSON.stringify(root)} });
    const ms = performance.now() - t;
    console.log(JSON.stringify({ ms, n: train.shape[0] + test.shape[0] }));`;
  const samples = [];
  let n = 0;
  for (let i = 0; i < runs; i++) {
    const r = timeInChild(code);
    samples.push(r.ms);
    n = r.n;
  }
  results.fashionMnist = { images: n, root, targetMs: 2000, ...stats(samples) };
} else {
  results.fashionMnist = { skipped: `${root} not found (apt-get install dataset-fashion-mnist)` };
}

const sampleCode = `
  import { loadMnistSample } from ${JSON.stringify(dist)};
  const t = performance.now();
  const { train, test } = await loadMnistSample();
  const cold = performance.now() - t;
  const t2 = performance.now();
  await loadMnistSample({ seed: 1 });
  const warm = performance.now() - t2;
  console.log(JSON.stringify({ cold, warm, n: train.shape[0] + test.shape[0] }));`;
const cold = [];
const warm = [];
let sampleN = 0;
for (let i = 0; i < runs; i++) {
  const r = timeInChild(sampleCode);
  cold.push(r.cold);
  warm.push(r.warm);
  sampleN = r.n;
}
results.mnistSample = { images: sampleN, cold: stats(cold), warm: stats(warm) };

writeFileSync(join(here, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log(JSON.stringify(results, null, 2));
