// Kernel profile of one tfjs-layers model's training steps (trainOnBatch), CPU time. For dlkit's own models:
//   node bench/profile-model.mjs   (from the repo root, after pnpm build)
import { createRequire } from 'node:module';
const tf = createRequire(new URL('../packages/backend/package.json', import.meta.url))('@tensorflow/tfjs-core');
import { initBackend } from '../packages/backend/dist/index.js';
const { mnistConvNet } = await import('../packages/models/dist/index.js');
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const totals = new Map();
let depth = 0;
for (const k of tf.getKernelsForBackend('wasm')) {
  const f = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({ ...k, setupFunc: undefined, kernelFunc: (a) => {
    if (depth > 0) return f(a);
    depth++; const t0 = cpuMs(); const r = f(a); depth--;
    const key = k.kernelName + (process.env.SHAPES ? ' ' + Object.values(a.inputs).filter(Boolean).map((t) => t.shape.join('x')).join(',') : '');
    const e = totals.get(key) ?? { ms: 0, n: 0 }; e.ms += cpuMs() - t0; e.n++; totals.set(key, e); return r; } });
}
const model = mnistConvNet({ seed: 1 });
model.compile({ optimizer: tf.train.sgd(0.05), loss: 'categoricalCrossentropy' });
const x = tf.randomNormal([64, 28, 28, 1]);
const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
for (let i = 0; i < 2; i++) await model.trainOnBatch(x, y);
totals.clear();
const steps = 5; const t0 = cpuMs(); const w0 = performance.now();
for (let i = 0; i < steps; i++) await model.trainOnBatch(x, y);
const all = cpuMs() - t0;
console.log(`mnistConvNet: ${(all / steps).toFixed(1)} ms CPU/step, wall ${((performance.now() - w0) / steps).toFixed(1)} → ${(64000 / ((performance.now() - w0) / steps)).toFixed(0)} img/s; kernel calls ${[...totals.values()].reduce((s, v) => s + v.n, 0) / steps}`);
for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 22)) console.log(k.padEnd(60), (v.ms / steps).toFixed(2), 'ms', v.n / steps);
