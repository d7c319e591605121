import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
await initBackend({ prefer: 'wasm', strict: true });
function time(label, f, n = 20) { for (let i = 0; i < 3; i++) tf.tidy(() => { f().dataSync(); }); const t0 = performance.now(); for (let i = 0; i < n; i++) tf.tidy(() => { f().dataSync(); }); console.log(label.padEnd(50), ((performance.now() - t0) / n).toFixed(2), 'ms'); }
for (const [M, K, N] of [[64, 784, 256], [784, 64, 256], [64, 1024, 128], [1024, 64, 128], [64,128,1024]]) {
  const a = tf.randomNormal([M, K]), b = tf.randomNormal([K, N]);
  const aT = tf.transpose(a), bT = tf.transpose(b);
  console.log(`M=${M} K=${K} N=${N} (${(M*K*N/1e6).toFixed(1)}M MAC)`);
  time(' nn', () => tf.matMul(a, b));
  time(' nt (b given transposed)', () => tf.matMul(a, bT, false, true));
  time(' tn (a given transposed)', () => tf.matMul(aT, b, true, false));
  time(' tt', () => tf.matMul(aT, bT, true, true));
  time(' transpose(a) then nt', () => tf.matMul(tf.transpose(aT), bT, false, true));
  time(' transpose(b) only', () => tf.transpose(b));
}
