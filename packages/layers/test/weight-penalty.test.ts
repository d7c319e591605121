import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { describe, expect, it } from 'vitest';
import { l1, l2, LayerArgumentError, weightPenalty } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';

const KERNEL = [
  [0.5, -1],
  [2, 0.25],
];

describe.each(ENGINES)('weight penalties on %s', (engine) => {
  useEngine(engine);

  it('adds λ₁Σ|w| + λ₂Σw² per layer, with gradient λ₁ sign(w) + 2λ₂ w', () => {
    const dense = tfl.layers.dense({ units: 2, inputShape: [2], kernelRegularizer: weightPenalty({ l1: 0.1, l2: 0.2 }) });
    const plain = tfl.layers.dense({ units: 2, inputShape: [2] });
    const model = tfl.sequential({ layers: [dense, plain] });
    dense.setWeights([tf.tensor2d(KERNEL), tf.zeros([2])]);
    const flat = KERNEL.flat();
    expect(plain.losses).toHaveLength(0);
    expect(dense.losses).toHaveLength(1);
    const penalty = dense.losses[0]() as tf.Scalar;
    const expected = 0.1 * flat.reduce((a, w) => a + Math.abs(w), 0) + 0.2 * flat.reduce((a, w) => a + w * w, 0);
    expect(penalty.dataSync()[0]).toBeCloseTo(expected, 5);
    const kernel = dense.trainableWeights[0].read() as tf.Variable;
    const { grads, value } = tf.variableGrads(() => dense.losses[0]() as tf.Scalar, [kernel]);
    const g = grads[kernel.name].dataSync();
    flat.forEach((w, i) => expect(g[i]).toBeCloseTo(0.1 * Math.sign(w) + 0.4 * w, 5));
    tf.dispose([penalty, value, ...Object.values(grads)]);
    model.dispose();
  });

  it('l1(λ) and l2(λ) are the single-term shorthands', () => {
    const w = tf.tensor2d(KERNEL);
    const a = l1(0.5).apply(w);
    const b = l2(0.5).apply(w);
    expect(a.dataSync()[0]).toBeCloseTo(0.5 * 3.75, 5);
    expect(b.dataSync()[0]).toBeCloseTo(0.5 * (0.25 + 1 + 4 + 0.0625), 5);
    tf.dispose([w, a, b]);
  });

  it('fit minimises loss + penalty: with a zero data gradient, SGD decays w by 2λ₂·lr per step', async () => {
    const dense = tfl.layers.dense({ units: 1, inputShape: [2], useBias: false, kernelRegularizer: l2(0.5) });
    const model = tfl.sequential({ layers: [dense] });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    dense.setWeights([tf.tensor2d([[1], [-2]])]);
    const [x, y] = [tf.zeros([4, 2]), tf.zeros([4, 1])];
    await model.fit(x, y, { epochs: 1, batchSize: 4, verbose: 0 });
    const w = dense.getWeights()[0].dataSync();
    expect(w[0]).toBeCloseTo(1 * (1 - 2 * 0.5 * 0.1), 5);
    expect(w[1]).toBeCloseTo(-2 * (1 - 2 * 0.5 * 0.1), 5);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('weight penalties bad input', () => {
  it('rejects negative λ', () => {
    expect(() => weightPenalty({ l1: -1 })).toThrow(/weightPenalty: l1 must be a finite number >= 0/);
    expect(() => l2(Number.POSITIVE_INFINITY)).toThrow(LayerArgumentError);
  });
});
