// Forward + backward time of the custom layers on each engine. Run after `pnpm build`: `pnpm bench`.
// Writes bench/results.json. Batch [32, 32, 32, 16] (the Torch tutorial's first stage size).
import { writeFileSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@dlkit/backend';
import {
  contrastiveNormalization,
  gaussian1d,
  l2Pooling2d,
  localResponseNormalization,
  subtractiveNormalization,
} from '../dist/index.js';

const SHAPE = [32, 32, 32, 16];
const REPS = 5;
const layers = {
  l2Pooling2d: () => l2Pooling2d({ poolSize: 2 }),
  subtractiveNormalization: () => subtractiveNormalization({ kernel: gaussian1d(7) }),
  contrastiveNormalization: () => contrastiveNormalization({ kernel: gaussian1d(7) }),
  localResponseNormalization: () => localResponseNormalization({ size: 5 }),
};
const results = { shape: SHAPE, reps: REPS, unit: 'ms per forward+backward (median)', engines: {} };
for (const engine of ['wasm', 'cpu']) {
  await initBackend({ prefer: engine, strict: true });
  const x = tf.randomNormal(SHAPE, 0, 1, 'float32', 1);
  const row = {};
  for (const [name, make] of Object.entries(layers)) {
    const layer = make();
    const step = () =>
      tf.tidy(() =>
        tf
          .grad((t) => tf.sum(layer.apply(t)))(x)
          .dataSync(),
      );
    step();
    const times = [];
    for (let i = 0; i < REPS; i++) {
      const t0 = performance.now();
      step();
      times.push(performance.now() - t0);
    }
    row[name] = Number(times.sort((a, b) => a - b)[REPS >> 1].toFixed(1));
  }
  x.dispose();
  results.engines[engine] = row;
}
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(results.engines)}\n`);
