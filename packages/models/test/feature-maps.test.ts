import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureMaps } from '../src/feature-maps';
import { mnistConvNet } from '../src/zoo/mnist-convnet';
import { cpu } from './helpers';

beforeAll(cpu);

describe('feature maps', () => {
  const model = mnistConvNet({ nstates: [6, 4, 8], seed: 1 });
  const x = { images: Float32Array.from({ length: 2 * 784 }, (_, i) => ((i * 7) % 13) / 13), shape: [2, 28, 28, 1] };

  it('gives the maps after each layer of a block for one input', () => {
    const before = tf.memory().numTensors;
    const maps = featureMaps(model, ['conv1', 'act1', 'pool1', 'norm1', 'fc1'], x, 1);
    expect(tf.memory().numTensors).toBe(before);
    expect(maps.map((m) => [m.layer, m.height, m.width, m.channels])).toEqual([
      ['conv1', 24, 24, 6],
      ['act1', 24, 24, 6],
      ['pool1', 12, 12, 6],
      ['norm1', 12, 12, 6],
      ['fc1', 1, 1, 8],
    ]);
    // tanh of conv1 is act1.
    expect(maps[1].data[5]).toBeCloseTo(Math.tanh(maps[0].data[5]), 5);
  });

  it('lays the maps out channels last, one sample at a time, as numbers only', () => {
    const [conv1] = featureMaps(model, ['conv1'], x, 0);
    expect(conv1.data).toBeInstanceOf(Float32Array);
    expect(conv1.data.length).toBe(24 * 24 * 6);
    // Sample 0 and sample 1 differ, so their maps do too.
    const [other] = featureMaps(model, ['conv1'], x, 1);
    expect(Array.from(other.data.subarray(0, 12))).not.toEqual(Array.from(conv1.data.subarray(0, 12)));
    expect(Object.keys(conv1).sort()).toEqual(['channels', 'data', 'height', 'layer', 'width']);
  });

  it('rejects a bad sample index', () => {
    expect(() => featureMaps(model, ['conv1'], x, 2)).toThrow(/index/);
  });
});
