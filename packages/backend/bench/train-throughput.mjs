// `pnpm bench` for @dlkit/backend: training throughput (images/s, steady state, batch 64) of the three
// benchmark models on dlkit's engine, the plain tfjs cpu backend, and PyTorch in the same run.
// Writes bench/results.json. Options: --seconds N (per measurement, default 4), --quick (1 s, no cpu backend).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import '@tensorflow/tfjs-backend-cpu';
import { initBackend, measureSimdPeak, shutdownBackend } from '../dist/index.js';
import { MODELS as SPECS, trainThroughput } from './models.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const seconds = Number(args[args.indexOf('--seconds') + 1]) || (quick ? 1 : 4);
const MODELS = ['mlp', 'lenet', 'seedConvNet', 'cifarNetTf'];
const cores = Math.min(8, availableParallelism());
const log = (...a) => console.log(...a);
const trainMacs = (m) => SPECS[m].trainMacs;
// The engine's ceiling on this V8: its best SIMD multiply-add loop, one thread (× threads for the 2-thread rows).
const peak = measureSimdPeak();
const peakNote = (threads) => ` of ${(peak.gmacPerSecond * threads).toFixed(1)} peak`;
log(
  `engine peak: ${peak.gmacPerSecond.toFixed(2)} GMAC/s per thread (${peak.variant} SIMD multiply-add, Node ${process.versions.node})`,
);

const results = {
  date: new Date().toISOString(),
  node: process.versions.node,
  cores,
  seconds,
  dlkit: {},
  tfjsCpu: {},
  pytorch: {},
  ratios: {},
};

results.peak = peak;
for (const threads of [...new Set([1, cores])]) {
  const info = await initBackend({ prefer: 'wasm', strict: true, threads });
  const key = `wasm-${threads}t`;
  results.dlkit[key] = { engine: info.engine, threads: info.threads, models: {} };
  for (const m of MODELS) {
    const r = await trainThroughput(m, { seconds });
    results.dlkit[key].models[m] = r;
    log(
      `dlkit ${key.padEnd(8)} ${m.padEnd(12)} ${r.imagesPerSecond.toFixed(0).padStart(7)} img/s  ${r.gmacPerSecond.toFixed(2).padStart(6)} GMAC/s${peakNote(info.threads)}  ${r.imagesPerCpuSecond.toFixed(0).padStart(7)} img/CPU-s  (leaked tensors: ${r.leakedTensors})`,
    );
  }
}
await shutdownBackend();

if (!quick) {
  // The pure-JS backend takes tens of seconds per batch of 64: one timed step after one warm-up.
  await initBackend({ prefer: 'cpu', strict: true });
  for (const m of ['mlp', 'lenet']) {
    const r = await trainThroughput(m, { warmup: 1, warmupSeconds: 0, seconds: 0.001, maxSteps: 1 });
    results.tfjsCpu[m] = r;
    log(`tfjs cpu         ${m.padEnd(12)} ${r.imagesPerSecond.toFixed(1).padStart(7)} img/s`);
  }
}

const python = '/usr/bin/python3';
let torchOk = false;
try {
  execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  torchOk = true;
} catch {
  log('PyTorch not installed (apt-get install python3-torch): no ratios');
}
if (torchOk) {
  for (const threads of [...new Set([1, cores])]) {
    const out = JSON.parse(
      execFileSync(python, [join(here, 'torch_models.py'), String(threads), String(seconds)], { encoding: 'utf8' }),
    );
    results.pytorch[`${threads}t`] = out;
    for (const m of MODELS)
      log(
        `pytorch ${`${threads}t`.padEnd(8)} ${m.padEnd(12)} ${out.models[m].imagesPerSecond.toFixed(0).padStart(7)} img/s  ${((out.models[m].imagesPerSecond * trainMacs(m)) / 1e9).toFixed(2).padStart(6)} GMAC/s  ${out.models[m].imagesPerCpuSecond.toFixed(0).padStart(7)} img/CPU-s`,
      );
  }
  const best = results.dlkit[`wasm-${cores}t`] ?? results.dlkit['wasm-1t'];
  for (const m of MODELS) {
    const ours = best.models[m].imagesPerSecond;
    const torchBest = Math.max(
      results.pytorch['1t'].models[m].imagesPerSecond,
      results.pytorch[`${cores}t`].models[m].imagesPerSecond,
    );
    // Per CPU-second, one thread each: the comparison that a busy machine distorts least.
    const cpuRatio = results.dlkit['wasm-1t'].models[m].imagesPerCpuSecond / results.pytorch['1t'].models[m].imagesPerCpuSecond;
    results.ratios[m] = {
      vsPytorchBest: ours / torchBest,
      perCpuSecond1t: cpuRatio,
      vsPytorch1t: ours / results.pytorch['1t'].models[m].imagesPerSecond,
      vsPytorchSameThreads: ours / results.pytorch[`${cores}t`].models[m].imagesPerSecond,
      ...(results.tfjsCpu[m] ? { vsTfjsCpu: ours / results.tfjsCpu[m].imagesPerSecond } : {}),
    };
    const r = results.ratios[m];
    log(
      `ratio ${m.padEnd(12)} dlkit/PyTorch(best) ${r.vsPytorchBest.toFixed(2)}  per CPU-s (1t) ${r.perCpuSecond1t.toFixed(2)}  dlkit/PyTorch(1t) ${r.vsPytorch1t.toFixed(2)}  dlkit/PyTorch(${cores}t) ${r.vsPytorchSameThreads.toFixed(2)}${r.vsTfjsCpu ? `  dlkit/tfjs-cpu ${r.vsTfjsCpu.toFixed(0)}×` : ''}`,
    );
  }
}

const file = join(here, 'results.json');
mkdirSync(dirname(file), { recursive: true });
writeFileSync(`${file}.tmp`, JSON.stringify(results, null, 2));
renameSync(`${file}.tmp`, file);
log(`written ${file}${existsSync(file) ? '' : ' (failed)'}`);
