import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { L2Pooling2D, SubtractiveNormalization } from '@dlkit/layers';
import { mlp } from '../src/zoo/mlp';
import { mnistConvNet } from '../src/zoo/mnist-convnet';
import { cifarNet, cifarNetTf } from '../src/zoo/cifarnet';
import { deepCifarNet } from '../src/zoo/deep-cifar-net';
import { smallAlexNet } from '../src/zoo/small-alexnet';
import { ModelsError } from '../src/errors';
import { cpu } from './helpers';

beforeAll(cpu);

const names = (m: { layers: Array<{ name: string }> }) => m.layers.map((l) => l.name);

describe('model zoo', () => {
  it('mlp: 784-100-10 sigmoid with N(0, 0.08) weights', () => {
    const m = mlp({ seed: 1 });
    expect(m.outputs[0].shape).toEqual([null, 10]);
    expect(m.countParams()).toBe(784 * 100 + 100 + 100 * 10 + 10);
    const w = m.getLayer('hidden1').getWeights()[0];
    const std = tf.tidy(() => Math.sqrt(tf.moments(w).variance.dataSync()[0]));
    expect(std).toBeGreaterThan(0.07);
    expect(std).toBeLessThan(0.09);
    expect(mlp({ inputShape: [28, 28, 1], hidden: [32, 16], activation: 'relu' }).layers[0].name).toBe('flatten');
  });

  it('mnistConvNet: the Torch tutorial layout with L2 pooling and subtractive normalisation', () => {
    const m = mnistConvNet({ seed: 1 });
    expect(names(m)).toEqual([
      'conv1',
      'act1',
      'pool1',
      'norm1',
      'conv2',
      'act2',
      'pool2',
      'norm2',
      'flatten',
      'fc1',
      'act3',
      'output',
    ]);
    expect(m.getLayer('pool1')).toBeInstanceOf(L2Pooling2D);
    expect(m.getLayer('norm2')).toBeInstanceOf(SubtractiveNormalization);
    expect(m.getLayer('flatten').outputShape).toEqual([null, 1024]);
    expect(m.countParams()).toBe(5 * 5 * 64 + 64 + 5 * 5 * 64 * 64 + 64 + 1024 * 128 + 128 + 128 * 10 + 10);
    const small = mnistConvNet({
      nstates: [4, 8, 16],
      pooling: 'max',
      activation: 'relu',
      normalizationSize: 0,
      inputShape: [32, 32, 1],
    });
    expect(names(small)).not.toContain('norm1');
    expect(small.getLayer('flatten').outputShape).toEqual([null, 5 * 5 * 8]);
    const y = tf.tidy(() => tf.sum(small.predict(tf.zeros([2, 32, 32, 1])) as tf.Tensor, -1).arraySync() as number[]);
    expect(y[0]).toBeCloseTo(1, 5);
  });

  it('mnistConvNet: optional dropout after flatten, active only in training', () => {
    expect(names(mnistConvNet({ nstates: [4, 4, 8] }))).not.toContain('dropout');
    const m = mnistConvNet({ nstates: [4, 4, 8], dropout: 0.5, seed: 2 });
    const n = names(m);
    expect(n.slice(n.indexOf('flatten'), n.indexOf('flatten') + 3)).toEqual(['flatten', 'dropout', 'fc1']);
    const x = tf.randomNormal([3, 28, 28, 1], 0, 1, 'float32', 5);
    const [inferA, inferB, trainA] = tf.tidy(() => [
      (m.predict(x) as tf.Tensor).arraySync() as number[][],
      (m.predict(x) as tf.Tensor).arraySync() as number[][],
      (m.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][],
    ]);
    x.dispose();
    expect(inferA).toEqual(inferB);
    expect(trainA).not.toEqual(inferA);
    expect(() => mnistConvNet({ dropout: 1 })).toThrow(ModelsError);
    expect(() => mnistConvNet({ dropout: -0.1 })).toThrow(/dropout/);
  });

  it('builders are seeded: same seed, same weights', () => {
    const a = mnistConvNet({ nstates: [4, 4, 8], seed: 3 })
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
    const b = mnistConvNet({ nstates: [4, 4, 8], seed: 3 })
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
    const c = mnistConvNet({ nstates: [4, 4, 8], seed: 4 })
      .getWeights()
      .map((w) => Array.from(w.dataSync()));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('cifarNet and its TensorFlow variant with fc1/fc2 = 384/192', () => {
    const m = cifarNet({ filters: [4, 4, 8] });
    expect(m.outputs[0].shape).toEqual([null, 10]);
    expect(names(m).slice(0, 4)).toEqual(['conv1', 'pool1', 'relu1', 'norm1']);
    const tfv = cifarNetTf({ filters: [4, 4] });
    expect(tfv.getLayer('fc1').outputShape).toEqual([null, 384]);
    expect(tfv.getLayer('fc2').outputShape).toEqual([null, 192]);
    const out = tf.tidy(() => (tfv.predict(tf.randomNormal([1, 32, 32, 3])) as tf.Tensor).shape);
    expect(out).toEqual([1, 10]);
  });

  it("cifarNet starts with PyTorch's default weights (uniform in ±1/√fan_in) and near-uniform predictions", () => {
    const m = cifarNet({ seed: 3 });
    const limit = (fanIn: number) => 1 / Math.sqrt(fanIn);
    for (const [layer, fanIn] of [
      ['conv1', 5 * 5 * 3],
      ['conv2', 5 * 5 * 32],
      ['conv3', 5 * 5 * 32],
      ['output', 4 * 4 * 64],
    ] as const) {
      const [lo, hi, sd] = tf.tidy(() => {
        const w = m.getLayer(layer).getWeights()[0];
        return [tf.min(w).dataSync()[0], tf.max(w).dataSync()[0], Math.sqrt(tf.moments(w).variance.dataSync()[0])];
      });
      expect(lo).toBeGreaterThanOrEqual(-limit(fanIn));
      expect(hi).toBeLessThanOrEqual(limit(fanIn));
      expect(sd).toBeCloseTo(limit(fanIn) / Math.sqrt(3), 2);
    }
    // Overconfident starts (He convolutions before pooling, Glorot output) made real CIFAR-10 runs die at chance.
    const meanMaxProb = tf.tidy(() => {
      const x = tf.randomUniform([32, 32, 32, 3], 0, 1, 'float32', 5);
      return tf.mean(tf.max(m.predict(x) as tf.Tensor, 1)).dataSync()[0];
    });
    expect(meanMaxProb).toBeLessThan(0.2);
  });

  it('deepCifarNet: 7 convolutions with batch norm, 2 pools, 3 dense layers', () => {
    const m = deepCifarNet({ filters: [4, 8], units: [16, 8] });
    const n = names(m);
    expect(n.filter((s) => s.startsWith('conv'))).toHaveLength(7);
    expect(n.filter((s) => s.startsWith('bn'))).toHaveLength(7);
    expect(n.filter((s) => s.startsWith('pool'))).toEqual(['pool1', 'pool2']);
    expect(m.getLayer('flatten').outputShape).toEqual([null, 8 * 8 * 8]);
    expect(n.slice(-3)).toEqual(['fc1', 'fc2', 'output']);
    // PyTorch's running-average rate by default, not Keras's 0.99 (too slow for short runs).
    expect(m.getLayer('bn1').getConfig().momentum).toBe(0.9);
    expect(
      deepCifarNet({ filters: [4, 8], units: [4], batchNormMomentum: 0.99 })
        .getLayer('bn3')
        .getConfig().momentum,
    ).toBe(0.99);
    expect(() => deepCifarNet({ batchNormMomentum: 1 })).toThrow(/batchNormMomentum/);
  });

  it('deepCifarNet options: depth, hidden layers, activation, batch norm', () => {
    const shallow = deepCifarNet({ filters: [4, 8], units: [], convLayers: 3, activation: 'tanh', batchNorm: false });
    const n = names(shallow);
    expect(n).toEqual(['conv1', 'tanh1', 'pool1', 'conv2', 'tanh2', 'conv3', 'tanh3', 'pool2', 'flatten', 'output']);
    expect(shallow.getLayer('flatten').outputShape).toEqual([null, 8 * 8 * 8]);
    // Without batch norm the convolutions carry a bias.
    expect(shallow.getLayer('conv1').getWeights()).toHaveLength(2);
    const one = deepCifarNet({ filters: [4, 8], units: [6], convLayers: 1, activation: 'sigmoid' });
    expect(names(one)).toEqual(['conv1', 'bn1', 'sigmoid1', 'pool1', 'pool2', 'flatten', 'fc1', 'sigmoid_fc1', 'output']);
    expect(one.getLayer('flatten').outputShape).toEqual([null, 8 * 8 * 4]);
    expect(one.getLayer('conv1').getWeights()).toHaveLength(1);
    const four = deepCifarNet({ filters: [4, 8], units: [6, 5, 4], convLayers: 4 });
    expect(names(four).indexOf('pool1')).toBe(names(four).indexOf('relu2') + 1);
    expect(names(four).filter((s) => s.startsWith('fc'))).toEqual(['fc1', 'fc2', 'fc3']);
    const out = tf.tidy(() => (shallow.predict(tf.randomNormal([2, 32, 32, 3])) as tf.Tensor).arraySync() as number[][]);
    for (const row of out) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(() => deepCifarNet({ convLayers: 0 })).toThrow(/convLayers/);
    expect(() => deepCifarNet({ activation: 'gelu' as never })).toThrow(ModelsError);
    expect(() => deepCifarNet({ batchNorm: 'yes' as never })).toThrow(/batchNorm/);
    expect(() => deepCifarNet({ units: [4, 0] })).toThrow(/units/);
  });

  it('cifarNet and cifarNetTf: optional dropout before the output, active only in training', () => {
    expect(names(cifarNet({ filters: [4, 4, 8] }))).not.toContain('dropout');
    const m = cifarNet({ filters: [4, 4, 8], dropout: 0.5, seed: 2 });
    expect(names(m).slice(-3)).toEqual(['flatten', 'dropout', 'output']);
    expect(names(cifarNetTf({ filters: [4, 4], units: [8, 6], dropout: 0.3 })).slice(-3)).toEqual(['fc2', 'dropout', 'output']);
    const x = tf.randomNormal([2, 32, 32, 3], 0, 1, 'float32', 7);
    const [a, b, t] = tf.tidy(() => [
      (m.predict(x) as tf.Tensor).arraySync() as number[][],
      (m.predict(x) as tf.Tensor).arraySync() as number[][],
      (m.apply(x, { training: true }) as tf.Tensor).arraySync() as number[][],
    ]);
    x.dispose();
    expect(a).toEqual(b);
    expect(t).not.toEqual(a);
    expect(() => cifarNet({ dropout: 1 })).toThrow(/dropout/);
    expect(() => cifarNetTf({ dropout: -0.5 })).toThrow(ModelsError);
  });

  it('smallAlexNet for 32×32 and 64×64 inputs', () => {
    const a = smallAlexNet({ filters: [4, 4, 4, 4, 4], units: [8, 8] });
    const b = smallAlexNet({ inputShape: [64, 64, 3], filters: [4, 4, 4, 4, 4], units: [8, 8], numClasses: 5 });
    expect(a.getLayer('flatten').outputShape).toEqual([null, 4 * 4 * 4]);
    expect(b.getLayer('flatten').outputShape).toEqual([null, 4 * 4 * 4]);
    expect(b.outputs[0].shape).toEqual([null, 5]);
    expect(names(a)).toContain('norm2');
    expect(names(a)).toContain('drop1');
  });

  it('rejects bad sizes with typed errors', () => {
    expect(() => mnistConvNet({ nstates: [4, 4] as unknown as [number, number, number] })).toThrow(ModelsError);
    expect(() => mnistConvNet({ inputShape: [8, 8, 1] })).toThrow(/inputShape/);
    expect(() => mnistConvNet({ pooling: 'median' as never })).toThrow(/pooling/);
    expect(() => mlp({ numClasses: 1 })).toThrow(/numClasses/);
    expect(() => smallAlexNet({ inputShape: [16, 16, 3] })).toThrow(/32×32/);
  });
});
