// Training throughput of one benchmark model on dlkit's engine alone, through the same trainThroughput as
// `pnpm bench` (no PyTorch, no cpu backend): for before/after comparisons of an engine change.
// Usage: node bench/throughput-one.mjs mlp|lenet|seedConvNet|cifarNetTf; THREADS=n (default 2), SECONDS=n
// (per run, default 4), REPS=n (runs, default 3; the best is the figure least distorted by other load).
import { initBackend, shutdownBackend } from '../dist/index.js';
import { MODELS, trainThroughput } from './models.mjs';

const name = process.argv[2] ?? 'mlp';
if (!(name in MODELS)) throw new Error(`unknown model '${name}': expected one of ${Object.keys(MODELS).join(', ')}`);
const threads = Number(process.env.THREADS ?? 2);
const info = await initBackend({ prefer: 'wasm', strict: true, threads });
for (let i = 0; i < Number(process.env.REPS ?? 3); i++) {
  const r = await trainThroughput(name, { seconds: Number(process.env.SECONDS ?? 4), maxSteps: 1e6 });
  console.log(
    `${name} ${info.engine} ${info.threads}t: ${r.imagesPerSecond.toFixed(0)} img/s, ${r.imagesPerCpuSecond.toFixed(0)} img/CPU-s, ${r.msPerStep.toFixed(3)} ms/step, ${r.steps} steps, leaked tensors ${r.leakedTensors}`,
  );
}
await shutdownBackend();
