// Training and scoring speed of the RNN LM (H = 100 and 200, 100 classes, bptt 4) on generated
// Zipfian text with a PTB-sized vocabulary, for both engines, and of the RNNME variant (direct
// n-gram connections, 2M hash, order 3, WebAssembly engine) and of training with dropout 0.25;
// writes bench/results.json.
// Run after `pnpm build`: node bench/speed.mjs
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RnnLm, SeededRandom } from '../dist/index.js';

const V = 5792;
const N = 20000;
const rng = new SeededRandom(1);
const weights = Array.from({ length: V }, (_, i) => 1 / (i + 1));
const cdf = new Float64Array(V);
let acc = 0;
for (let i = 0; i < V; i++) cdf[i] = acc += weights[i];
const text = new Int32Array(N);
const counts = new Uint32Array(V);
for (let t = 0; t < N; t++) {
  const r = rng.uniform() * acc;
  let lo = 0;
  let hi = V - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < r) lo = mid + 1;
    else hi = mid;
  }
  text[t] = lo;
  counts[lo]++;
}

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const results = [];
const configs = [];
for (const hiddenSize of [100, 200]) {
  for (const engine of ['wasm', 'js']) configs.push({ hiddenSize, engine, directSize: 0, dropout: 0 });
  configs.push({ hiddenSize, engine: 'wasm', directSize: 2_000_000, dropout: 0 });
  configs.push({ hiddenSize, engine: 'wasm', directSize: 0, dropout: 0.25 });
}
for (const { hiddenSize, engine, directSize, dropout } of configs) {
  const lm = new RnnLm({ vocabSize: V, hiddenSize, classes: 100, counts, seed: 1, engine, directSize, directOrder: 3 });
  lm.learn(text.subarray(0, 2000), { alpha: 0.1, dropout }); // warm-up
  // Best of three passes: this machine's speed drifts by ±10 % from minute to minute.
  let learnWall = Infinity;
  let learnCpu = Infinity;
  let scoreWall = Infinity;
  let scoreCpu = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    let t0 = performance.now();
    let c0 = cpu();
    lm.learn(text, { alpha: 0.1, bptt: 4, bpttBlock: 10, dropout, seed: pass + 1 });
    learnWall = Math.min(learnWall, (performance.now() - t0) / 1000);
    learnCpu = Math.min(learnCpu, cpu() - c0);
    t0 = performance.now();
    c0 = cpu();
    lm.tokenProbabilities(text);
    scoreWall = Math.min(scoreWall, (performance.now() - t0) / 1000);
    scoreCpu = Math.min(scoreCpu, cpu() - c0);
  }
  const row = {
    hiddenSize,
    engine: lm.engine,
    directSize,
    directOrder: lm.directOrder,
    dropout,
    trainTokensPerSecond: Math.round(N / learnWall),
    trainTokensPerCpuSecond: Math.round(N / learnCpu),
    scoreTokensPerSecond: Math.round(N / scoreWall),
    scoreTokensPerCpuSecond: Math.round(N / scoreCpu),
  };
  results.push(row);
  console.log(JSON.stringify(row));
}
const out = join(dirname(fileURLToPath(import.meta.url)), 'results.json');
writeFileSync(out, `${JSON.stringify({ tokens: N, vocabulary: V, node: process.version, results }, null, 2)}\n`);
console.log(`wrote ${out}`);
