import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
import { trainThroughput } from './models.mjs';
const info = await initBackend({ prefer: process.argv[2] ?? 'wasm', threads: Number(process.env.THREADS ?? 2) });
console.log(info.reason, info.kernels, 'threads', info.threads);
for (const m of (process.argv[3] ?? 'mlp,lenet,seedConvNet').split(',')) console.log(await trainThroughput(m, { seconds: Number(process.argv[4] ?? 4) }));
