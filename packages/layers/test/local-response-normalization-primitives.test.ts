import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { lrnKernelTrains } from '../src/local-response-normalization';
import { localResponseNormalizationFromPrimitives } from '../src/local-response-normalization-primitives';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck, scaledError } from './helpers/gradcheck';
import { lrn, type Shape4 } from './helpers/reference';
import { uniform } from './helpers/rng';

// The layer's path on engines without an LRNGrad kernel, checked here on every engine directly.
describe.each(ENGINES)('localResponseNormalizationFromPrimitives on %s', (engine) => {
  useEngine(engine);

  it('equals tf.localResponseNormalization, radius 0 to past every channel', () => {
    for (const [depthRadius, channels] of [
      [0, 4],
      [2, 7],
      [4, 3],
    ]) {
      const before = tf.memory().numTensors;
      const x = tf.randomNormal([2, 3, 3, channels], 0, 3, 'float32', depthRadius + 1) as tf.Tensor4D;
      const y = localResponseNormalizationFromPrimitives(x, depthRadius, 1.5, 0.2, 0.75);
      const ref = tf.localResponseNormalization(x, depthRadius, 1.5, 0.2, 0.75);
      expect(scaledError(y.dataSync(), ref.dataSync())).toBeLessThan(2e-6);
      tf.dispose([x, y, ref]);
      expect(tf.memory().numTensors).toBe(before);
    }
  });

  it('gradient matches float64 central differences (n = 3, large α so the denominator matters)', () => {
    const shape: Shape4 = [2, 2, 2, 5];
    gradCheck({
      f: (x) => localResponseNormalizationFromPrimitives(x as tf.Tensor4D, 1, 2, 0.5, 0.75),
      reference: (x) => lrn(x, shape, 3, 0.5, 0.75, 2),
      x: uniform(40, 13, -2, 2),
      shape,
    });
  });
});

describe('lrnKernelTrains', () => {
  it('is false for an engine without the LRN kernels, so the layer takes the primitives there', () => {
    expect(lrnKernelTrains('no-such-engine')).toBe(false);
  });
});
