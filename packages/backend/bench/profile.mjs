// Per-kernel time of training steps: wraps every registered wasm kernel with a timer (CPU time of this
// process, so other load on the machine distorts it less than wall time). THREADS=n, SHAPES=1.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
import { MODELS } from './models.mjs';
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const totals = new Map();
let depth = 0;
for (const k of tf.getKernelsForBackend('wasm')) {
  const f = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({ ...k, setupFunc: undefined, kernelFunc: (a) => {
    if (depth > 0) return f(a); // count nested kernels inside their caller
    depth++;
    const t0 = cpuMs(); const r = f(a); depth--;
    let key = k.kernelName;
    if (k.kernelName === 'BatchMatMul') key += `(tA=${a.attrs.transposeA},tB=${a.attrs.transposeB})`;
    if (process.env.SHAPES) key += ' ' + Object.values(a.inputs).filter(Boolean).map((t) => t.shape.join('x')).join(',');
    const e = totals.get(key) ?? { ms: 0, n: 0 }; e.ms += cpuMs() - t0; e.n++; totals.set(key, e); return r; } });
}
const name = process.argv[2] ?? 'lenet';
const m = MODELS[name].build();
const opt = tf.train.sgd(0.01);
const x = tf.randomNormal([64, ...MODELS[name].input]);
const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
const step = () => { const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, m.forward(x)), true, Object.values(m.params)); l.dataSync(); l.dispose(); };
for (let i = 0; i < 3; i++) step();
totals.clear();
const steps = Number(process.env.STEPS ?? 10); const t0 = cpuMs(); const w0 = performance.now();
for (let i = 0; i < steps; i++) step();
const all = cpuMs() - t0;
const inKernels = [...totals.values()].reduce((s, v) => s + v.ms, 0);
console.log(`${name}: ${(all / steps).toFixed(2)} ms CPU/step (wall ${((performance.now() - w0) / steps).toFixed(2)}), in kernels ${(inKernels / steps).toFixed(2)}, kernel calls ${[...totals.values()].reduce((s, v) => s + v.n, 0) / steps}`);
for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 14)) console.log(k.padEnd(44), (v.ms / steps).toFixed(2), 'ms', v.n / steps);
