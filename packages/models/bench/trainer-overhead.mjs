// Trainer overhead: one epoch of train() against a bare optimizer.minimize loop over the same batches,
// same model and engine. Writes bench/results.json. Run after `pnpm build`: `pnpm bench`.
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import { loadMnistSample } from '@dlkit/datasets';
import { mnistConvNet, train } from '../dist/index.js';

const N = Number(process.env.BENCH_SAMPLES ?? 2000);
const BATCH = 32;
const info = await initBackend();
const { train: full } = await loadMnistSample({ dtype: 'float32' });
const data = { images: full.images.subarray(0, N * 784), labels: full.labels.subarray(0, N), shape: [N, 28, 28, 1] };
const build = () => mnistConvNet({ nstates: [16, 32, 64], seed: 1 });

async function bare() {
  const model = build();
  const opt = tf.train.adam(0.001);
  const vars = model.trainableWeights.map((w) => w.read());
  const t0 = performance.now();
  for (let s = 0; s < N; s += BATCH) {
    const e = Math.min(N, s + BATCH);
    const x = tf.tensor4d(data.images.slice(s * 784, e * 784), [e - s, 28, 28, 1]);
    const y = tf.oneHot(tf.tensor1d(Int32Array.from(data.labels.subarray(s, e)), 'int32'), 10);
    const loss = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x, { training: true })), true, vars);
    loss.dataSync();
    tf.dispose([x, y, loss]);
  }
  const seconds = (performance.now() - t0) / 1000;
  opt.dispose();
  return seconds;
}

async function trainer() {
  const model = build();
  const before = tf.memory().numTensors;
  const t0 = performance.now();
  await train(model, data, { epochs: 1, batchSize: BATCH, optimizer: 'adam', shuffle: false });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, leakedTensors: tf.memory().numTensors - before };
}

await bare(); // warm-up (kernel compilation, workers)
const b = await bare();
const t = await trainer();
const result = {
  engine: info.engine,
  threads: info.threads,
  samples: N,
  batchSize: BATCH,
  model: 'mnistConvNet 16-32-64',
  bareLoopSeconds: b,
  trainSeconds: t.seconds,
  overheadRatio: t.seconds / b,
  bareSamplesPerSecond: N / b,
  trainSamplesPerSecond: N / t.seconds,
  leakedTensors: t.leakedTensors,
  date: new Date().toISOString(),
};
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
