import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
const x = tf.randomNormal([64, 16, 16, 64], 0, 1, 'float32', 3);
for (const [label, f] of [['square', (t) => tf.square(t)], ['lrn', (t) => tf.localResponseNormalization(t, 2, 1, 1e-4, 0.75)], ['square', (t) => tf.square(t)]]) {
  for (let i = 0; i < 5; i++) {
    const w0 = performance.now();
    const y = f(x);
    const w1 = performance.now();
    y.dataSync();
    const w2 = performance.now();
    y.dispose();
    console.log(label, (w1 - w0).toFixed(2), (w2 - w1).toFixed(2));
  }
}
