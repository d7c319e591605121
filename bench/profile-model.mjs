// Kernel profile of dlkit's Torch-tutorial ConvNet training steps (tfjs-layers trainOnBatch), CPU time.
//   node bench/profile-model.mjs   (from the repo root, after pnpm build); THREADS=n, SHAPES=1
import { createRequire } from 'node:module';
import { initBackend } from '../packages/backend/dist/index.js';
import { timeKernels } from '../packages/backend/bench/kernel-timer.mjs';
const tf = createRequire(new URL('../packages/backend/package.json', import.meta.url))('@tensorflow/tfjs-core');
const { mnistConvNet } = await import('../packages/models/dist/index.js');
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const timer = timeKernels(tf, { shapes: Boolean(process.env.SHAPES) });
const model = mnistConvNet({ seed: 1 });
model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
const x = tf.randomNormal([64, 28, 28, 1]);
const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
timer.reset();
const steps = 5;
const c0 = timer.cpuMs();
const w0 = performance.now();
for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
timer.report('mnistConvNet', steps, timer.cpuMs() - c0, performance.now() - w0, 22);
