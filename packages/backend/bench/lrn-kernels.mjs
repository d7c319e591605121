// CPU time of one LRN and one LRNGrad call (best of 15) at the TensorFlow CIFAR-10 tutorial net's shape,
// 64×16×16×64, for each β path of dlkit's lrn.wat and for the wasm backend's own kernels. One thread.
// Usage: node bench/lrn-kernels.mjs
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, installWasmFixups, uninstallWasmFixups } from '../dist/index.js';

await initBackend({ prefer: 'wasm', strict: true, threads: 1 });
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const x = tf.randomNormal([64, 16, 16, 64], 0, 1, 'float32', 3);
const dy = tf.randomNormal([64, 16, 16, 64], 0, 1, 'float32', 4);

function measure(label, beta) {
  const attrs = { depthRadius: 2, bias: 1, alpha: 1e-4, beta };
  const y = tf.engine().runKernel('LRN', { x }, attrs);
  const calls = {
    LRN: () => tf.engine().runKernel('LRN', { x }, attrs),
    LRNGrad: () => tf.engine().runKernel('LRNGrad', { x, y, dy }, attrs),
  };
  for (const [name, call] of Object.entries(calls)) {
    for (let i = 0; i < 3; i++) call().dispose();
    let best = Infinity;
    for (let i = 0; i < 15; i++) {
      const t0 = cpuMs();
      call().dispose();
      best = Math.min(best, cpuMs() - t0);
    }
    console.log(`${label.padEnd(22)} β=${String(beta).padEnd(5)} ${name.padEnd(8)} ${best.toFixed(2).padStart(6)} ms CPU`);
  }
  y.dispose();
}

for (const beta of [0.75, 0.5, 1, 0.6]) measure('dlkit lrn.wat', beta);
uninstallWasmFixups();
measure('tfjs-backend-wasm own', 0.75);
installWasmFixups();
