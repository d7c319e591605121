// Per-kernel time of training steps of a benchmark model (CPU time of this process, so other load on the
// machine distorts it less than wall time). Usage: node bench/profile.mjs lenet|mlp|seedConvNet; THREADS=n, SHAPES=1, STEPS=n, CLOCK=wall.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
import { timeKernels } from './kernel-timer.mjs';
import { MODELS } from './models.mjs';
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const timer = timeKernels(tf, { shapes: Boolean(process.env.SHAPES), wall: process.env.CLOCK === 'wall' });
const name = process.argv[2] ?? 'lenet';
const m = MODELS[name].build();
const opt = tf.train.sgd(0.01);
const x = tf.randomNormal([64, ...MODELS[name].input]);
const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
const step = () => {
  const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, m.forward(x)), true, Object.values(m.params));
  l.dataSync();
  l.dispose();
};
for (let i = 0; i < 3; i++) step();
timer.reset();
const steps = Number(process.env.STEPS ?? 10);
const c0 = timer.cpuMs();
const w0 = performance.now();
for (let i = 0; i < steps; i++) step();
timer.report(name, steps, timer.cpuMs() - c0, performance.now() - w0);
