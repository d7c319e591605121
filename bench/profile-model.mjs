// Kernel profile of a dlkit model's training steps (tfjs-layers trainOnBatch), CPU time.
//   node bench/profile-model.mjs   (from the repo root, after pnpm build); THREADS=n, SHAPES=1, CLOCK=wall,
//   MODEL=mnistConvNet (default; 28×28×1, SGD) | cifarNetTf (32×32×3, momentum SGD 0.9 as cifar-cnn trains it)
import { createRequire } from 'node:module';
import { initBackend } from '../packages/backend/dist/index.js';
import { timeKernels } from '../packages/backend/bench/kernel-timer.mjs';
const tf = createRequire(new URL('../packages/backend/package.json', import.meta.url))('@tensorflow/tfjs-core');
const zoo = await import('../packages/models/dist/index.js');
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const timer = timeKernels(tf, { shapes: Boolean(process.env.SHAPES), wall: process.env.CLOCK === 'wall' });
const name = process.env.MODEL ?? 'mnistConvNet';
const cifar = name === 'cifarNetTf';
const model = zoo[name]({ seed: 1 });
model.compile({ optimizer: cifar ? tf.train.momentum(0.01, 0.9) : tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
const x = tf.randomNormal([64, ...(cifar ? [32, 32, 3] : [28, 28, 1])]);
const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
timer.reset();
const steps = Number(process.env.STEPS ?? 5);
const c0 = timer.cpuMs();
const w0 = performance.now();
for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
timer.report(name, steps, timer.cpuMs() - c0, performance.now() - w0, 22);
