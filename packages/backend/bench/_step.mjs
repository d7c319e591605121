import { initBackend } from '../dist/index.js';
import { trainThroughput } from './models.mjs';
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 2) });
const r = await trainThroughput('cifarNetTf', { seconds: Number(process.env.SECONDS ?? 15) });
console.log(`LRN=${process.env.LRN ?? 'kernel'} threads=${process.env.THREADS ?? 2}: ${r.msPerStep.toFixed(1)} ms/step wall, ${r.imagesPerSecond.toFixed(0)} img/s, ${r.imagesPerCpuSecond.toFixed(0)} img/CPU-s, steps ${r.steps}, leaked ${r.leakedTensors}`);
process.exit(0);
