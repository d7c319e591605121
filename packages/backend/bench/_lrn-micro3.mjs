import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const x = tf.randomNormal([64, 16, 16, 64], 0, 1, 'float32', 3);
const dy = tf.randomNormal([64, 16, 16, 64], 0, 1, 'float32', 4);
for (const beta of [0.75, 1, 0.5, 0.6]) {
  const attrs = { depthRadius: 2, bias: 1, alpha: 1e-4, beta };
  const y = tf.engine().runKernel('LRN', { x }, attrs);
  for (const [name, f] of [['LRN', () => tf.engine().runKernel('LRN', { x }, attrs)], ['LRNGrad', () => tf.engine().runKernel('LRNGrad', { x, y, dy }, attrs)]]) {
    for (let i = 0; i < 3; i++) f().dispose();
    let best = Infinity, bestWall = Infinity;
    for (let i = 0; i < 15; i++) { const c0 = cpu(), w0 = performance.now(); f().dispose(); best = Math.min(best, cpu() - c0); bestWall = Math.min(bestWall, performance.now() - w0); }
    console.log(`β=${beta} ${name.padEnd(8)} best ${best.toFixed(2)} ms CPU, ${bestWall.toFixed(2)} ms wall`);
  }
  y.dispose();
}
