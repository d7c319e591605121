import * as tf from '@tensorflow/tfjs-core';
import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { featureMaps, featureMapsGrid, featureMapsPng, featureMapsSvg } from '../src/feature-maps';
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
      ['conv1', 24, 24, 6], ['act1', 24, 24, 6], ['pool1', 12, 12, 6], ['norm1', 12, 12, 6], ['fc1', 1, 1, 8],
    ]);
    // tanh of conv1 is act1.
    expect(maps[1].data[5]).toBeCloseTo(Math.tanh(maps[0].data[5]), 5);
  });

  it('tiles channels into a grid and encodes PNG and SVG', () => {
    const [conv1] = featureMaps(model, ['conv1'], x, 0);
    const grid = featureMapsGrid(conv1, { columns: 3, scale: 2, gap: 1 });
    expect([grid.width, grid.height]).toEqual([3 * 48 + 4, 2 * 48 + 3]);
    expect(Math.max(...grid.pixels.subarray(grid.width + 1, grid.width + 40))).toBeLessThanOrEqual(255);
    const png = PNG.sync.read(Buffer.from(featureMapsPng(conv1, { columns: 3 })));
    expect([png.width, png.height]).toEqual([grid.width, grid.height]);
    const svg = featureMapsSvg(featureMaps(model, ['conv1', 'pool1'], x, 0));
    expect(svg.match(/<image /g)).toHaveLength(2);
    expect(svg).toContain('data:image/png;base64,');
    expect(svg).toContain('pool1 — 6 maps of 12×12');
  });

  it('rejects a bad sample index', () => {
    expect(() => featureMaps(model, ['conv1'], x, 2)).toThrow(/index/);
  });
});
