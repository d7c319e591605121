// Wall and CPU time of SGD training steps (batch 64, steady state) of one benchmark model on dlkit's wasm
// engine, without the rest of `pnpm bench` (no PyTorch, no other models). Usage:
// node bench/step-time.mjs [model = cifarNetTf]; THREADS=n (default 2), SECONDS=n (default 15). LRN=primitives
// builds cifarNetTf's normalisations from pad/slice/add primitives instead of the LRN kernels, to compare.
import { initBackend, shutdownBackend } from '../dist/index.js';
import { trainThroughput } from './models.mjs';

const model = process.argv[2] ?? 'cifarNetTf';
const threads = Number(process.env.THREADS ?? 2);
await initBackend({ prefer: 'wasm', strict: true, threads });
const r = await trainThroughput(model, { seconds: Number(process.env.SECONDS ?? 15) });
const cpuMsPerStep = (r.batch * 1000) / r.imagesPerCpuSecond;
console.log(
  `${model} LRN=${process.env.LRN ?? 'kernels'} threads=${threads}: ${r.msPerStep.toFixed(1)} ms/step wall, ` +
    `${cpuMsPerStep.toFixed(1)} ms CPU/step, ${r.imagesPerSecond.toFixed(0)} img/s, ${r.steps} steps, leaked tensors ${r.leakedTensors}`,
);
await shutdownBackend();
