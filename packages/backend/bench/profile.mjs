// Per-kernel time of training steps: wraps every registered wasm kernel with a timer.
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../dist/index.js';
import { MODELS } from './models.mjs';
await initBackend({ prefer: 'wasm', strict: true, threads: Number(process.env.THREADS ?? 1) });
const totals = new Map();
for (const k of tf.getKernelsForBackend('wasm')) {
  const f = k.kernelFunc;
  tf.unregisterKernel(k.kernelName, 'wasm');
  tf.registerKernel({ ...k, setupFunc: undefined, kernelFunc: (a) => {
    const t0 = performance.now(); const r = f(a);
    const key = k.kernelName + (k.kernelName === 'BatchMatMul' ? `(tA=${a.attrs.transposeA},tB=${a.attrs.transposeB})` : '') + (process.env.SHAPES && ['Conv2D','Transpose','BatchMatMul'].includes(k.kernelName) ? ' ' + Object.values(a.inputs).map((t) => t.shape.join('x')).join(',') + (a.attrs.dilations ? ' d' + a.attrs.dilations : '') : '');
    const e = totals.get(key) ?? { ms: 0, n: 0 }; e.ms += performance.now() - t0; e.n++; totals.set(key, e); return r; } });
}
const name = process.argv[2] ?? 'lenet';
const m = MODELS[name].build();
const opt = tf.train.sgd(0.01);
const x = tf.randomNormal([64, ...MODELS[name].input]);
const y = tf.oneHot(tf.randomUniform([64], 0, 10, 'int32'), 10);
const step = () => { const l = opt.minimize(() => tf.losses.softmaxCrossEntropy(y, m.forward(x)), true, Object.values(m.params)); l.dataSync(); l.dispose(); };
for (let i = 0; i < 3; i++) step();
totals.clear();
const steps = 10; const t0 = performance.now();
for (let i = 0; i < steps; i++) step();
const all = performance.now() - t0;
console.log(`${name}: ${(all / steps).toFixed(1)} ms/step`);
for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15)) console.log(k.padEnd(40), (v.ms / steps).toFixed(2), 'ms', v.n / steps);
