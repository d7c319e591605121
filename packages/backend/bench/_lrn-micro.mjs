import * as tf from '@tensorflow/tfjs-core';
import { initBackend, uninstallWasmFixups, installWasmFixups } from '../dist/index.js';
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const x = tf.randomNormal([64, 16, 16, 64], 0, 1, 'float32', 3);
const w = tf.randomNormal([64, 16, 16, 64], 0, 1, 'float32', 4);
function prim(x, k = 1, alpha = 1e-4, beta = 0.75, r = 2) {
  const [n, h, ww, c] = x.shape;
  const padded = tf.pad(tf.square(x), [[0, 0], [0, 0], [0, 0], [r, r]]);
  let sum = tf.slice(padded, [0, 0, 0, 0], [n, h, ww, c]);
  for (let o = 1; o <= 2 * r; o++) sum = tf.add(sum, tf.slice(padded, [0, 0, 0, o], [n, h, ww, c]));
  const base = tf.add(tf.mul(sum, alpha), k);
  return tf.mul(x, tf.exp(tf.mul(tf.log(base), -beta)));
}
const kern = (t) => tf.localResponseNormalization(t, 2, 1, 1e-4, 0.75);
function time(label, f) {
  const g = tf.grad((t) => tf.sum(tf.mul(f(t), w)));
  const run = (what) => tf.tidy(() => { (what === 'fwd' ? f(x) : g(x)).dataSync(); });
  for (const what of ['fwd', 'fwd+grad']) {
    for (let i = 0; i < 2; i++) run(what);
    const n = Number(process.env.N ?? 10), c0 = cpu(), w0 = performance.now();
    for (let i = 0; i < n; i++) run(what);
    console.log(`${label.padEnd(34)} ${what.padEnd(9)} ${((cpu() - c0) / n).toFixed(1)} ms CPU, ${((performance.now() - w0) / n).toFixed(1)} ms wall`);
  }
}
time('primitives (pad/slice/add/exp/log)', prim);
time('dlkit lrn.wat', kern);
uninstallWasmFixups();
time('tfjs-backend-wasm own LRN/LRNGrad', kern);
installWasmFixups();
