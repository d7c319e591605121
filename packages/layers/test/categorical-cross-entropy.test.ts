import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { categoricalCrossEntropy } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { softmaxRows } from './helpers/reference';
import { uniform } from './helpers/rng';

const TARGETS = Float32Array.from([0, 0, 1, 0, 0.25, 0.75, 0, 0, 1, 0, 0, 0]); // 3 rows of 4 (one soft)
const cce64 = (p: Float64Array, rows: number): number => {
  let s = 0;
  for (let i = 0; i < p.length; i++) s -= TARGETS[i] * Math.log(p[i]);
  return s / rows;
};

describe.each(ENGINES)('categoricalCrossEntropy on %s', (engine) => {
  useEngine(engine);

  it('from logits: log Σ exp(z) − z_target (hand value), stable for huge logits', () => {
    const loss = categoricalCrossEntropy({ fromLogits: true });
    const [t, z] = [tf.tensor2d([[0, 0, 1]]), tf.tensor2d([[1, 2, 3]])];
    const l = loss(t, z);
    expect(l.dataSync()[0]).toBeCloseTo(Math.log(Math.E + Math.E ** 2 + Math.E ** 3) - 3, 5);
    const [t2, z2] = [tf.tensor2d([[0, 1]]), tf.tensor2d([[1000, 0]])];
    const l2 = loss(t2, z2);
    expect(l2.dataSync()[0]).toBeCloseTo(1000, 3);
    tf.dispose([t, z, l, t2, z2, l2]);
  });

  it('from probabilities: −log p_target (hand value), finite at p = 0 thanks to clipping', () => {
    const loss = categoricalCrossEntropy();
    const [t, p] = [tf.tensor2d([[0, 1, 0]]), tf.tensor2d([[0.2, 0.3, 0.5]])];
    const l = loss(t, p);
    expect(l.dataSync()[0]).toBeCloseTo(-Math.log(0.3), 5);
    const [t2, p2] = [tf.tensor2d([[0, 1]]), tf.tensor2d([[1, 0]])];
    const l2 = loss(t2, p2);
    const g = tf.grad((q: tf.Tensor) => loss(t2, q))(p2);
    expect(l2.dataSync()[0]).toBeCloseTo(-Math.log(1e-7), 2);
    expect(Array.from(g.dataSync()).every(Number.isFinite)).toBe(true);
    tf.dispose([t, p, l, t2, p2, l2, g]);
  });

  it('from logits: gradient is (softmax(z) − t) / batch and matches float64 central differences', () => {
    const t = tf.tensor2d(TARGETS, [3, 4]);
    const loss = categoricalCrossEntropy({ fromLogits: true });
    const zs = uniform(12, 41, -3, 3);
    gradCheck({ f: (z) => loss(t, z), reference: (z) => Float64Array.of(cce64(softmaxRows(z, 4), 3)), x: zs, shape: [3, 4] });
    const z = tf.tensor2d(Float32Array.from(zs), [3, 4]);
    const g = tf
      .grad((v: tf.Tensor) => loss(t, v))(z)
      .dataSync();
    const sm = softmaxRows(zs, 4);
    g.forEach((v, i) => expect(v).toBeCloseTo((sm[i] - TARGETS[i]) / 3, 6));
    tf.dispose([t, z]);
  });

  it('from probabilities: gradient matches float64 central differences', () => {
    const t = tf.tensor2d(TARGETS, [3, 4]);
    const loss = categoricalCrossEntropy();
    gradCheck({
      f: (p) => loss(t, p),
      reference: (p) => Float64Array.of(cce64(p, 3)),
      x: uniform(12, 42, 0.1, 0.9),
      shape: [3, 4],
    });
    t.dispose();
  });
});

describe('categoricalCrossEntropy bad input', () => {
  it('rejects mismatched shapes and a non-positive epsilon', () => {
    expect(() => categoricalCrossEntropy({ epsilon: 0 })).toThrow(/categoricalCrossEntropy: epsilon/);
    const [a, b] = [tf.zeros([2, 3]), tf.zeros([2, 4])];
    expect(() => categoricalCrossEntropy()(a, b)).toThrow(/categoricalCrossEntropy: yTrue must be the same shape as yPred/);
    tf.dispose([a, b]);
  });
});
