import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { localResponseNormalization } from '../src/index';
import { lrnKernelTrains } from '../src/local-response-normalization';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck, scaledError } from './helpers/gradcheck';
import { lrn, type Shape4 } from './helpers/reference';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('LocalResponseNormalization on %s', (engine) => {
  useEngine(engine);

  it("computes AlexNet's b = a / (k + α Σ a²)^β over n adjacent channels (hand values)", () => {
    // 3 channels, n = 3, k = 1, α = 1, β = 1: sums of squares [1+4, 1+4+9, 4+9].
    const x = tf.tensor4d([1, 2, 3], [1, 1, 1, 3]);
    const y = localResponseNormalization({ size: 3, k: 1, alpha: 1, beta: 1 }).apply(x) as tf.Tensor;
    const expected = [1 / 6, 2 / 15, 3 / 14];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    tf.dispose([x, y]);
  });

  it('matches tf.localResponseNormalization(depthRadius = (n−1)/2, bias = k, alpha, beta)', () => {
    const x = tf.randomNormal([2, 3, 3, 8], 0, 3, 'float32', 2);
    const layer = localResponseNormalization({ size: 5, alpha: 1e-2, beta: 0.75, k: 2 });
    const y = layer.apply(x) as tf.Tensor;
    const ref = tf.localResponseNormalization(x as tf.Tensor4D, layer.depthRadius, 2, 1e-2, 0.75);
    expect(scaledError(y.dataSync(), ref.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, y, ref]);
  });

  it("runs the engine's LRN kernel, and LRNGrad for the gradient, as this engine has both", async () => {
    expect(lrnKernelTrains()).toBe(true);
    const x = tf.randomNormal([2, 3, 3, 8], 0, 1, 'float32', 4);
    const layer = localResponseNormalization();
    const before = tf.memory().numTensors;
    const forward = await tf.profile(() => tf.tidy(() => void layer.apply(x)));
    const backward = await tf.profile(() =>
      tf.tidy(() => void tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor))(x)),
    );
    expect(tf.memory().numTensors).toBe(before);
    expect(forward.kernelNames).toContain('LRN');
    expect(backward.kernelNames).toContain('LRNGrad');
    for (const primitive of ['PadV2', 'Slice', 'Log', 'Exp'])
      expect([...forward.kernelNames, ...backward.kernelNames]).not.toContain(primitive);
    x.dispose();
  });

  it('leaves no tensor behind across calls and on bad input', () => {
    const layer = localResponseNormalization({ size: 3 });
    const x = tf.randomNormal([1, 4, 4, 6], 0, 1, 'float32', 5);
    const bad = tf.ones([4, 6]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.tidy(() => void tf.grad((t: tf.Tensor) => tf.sum(layer.apply(t) as tf.Tensor))(x));
    expect(() => layer.apply(bad)).toThrow();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, bad]);
  });

  it('gradient matches float64 central differences (n = 3, large α so the denominator matters)', () => {
    const shape: Shape4 = [2, 2, 2, 5];
    const layer = localResponseNormalization({ size: 3, alpha: 0.5, beta: 0.75, k: 2 });
    gradCheck({
      f: (x) => layer.apply(x) as tf.Tensor,
      reference: (x) => lrn(x, shape, 3, 0.5, 0.75, 2),
      x: uniform(40, 13, -2, 2),
      shape,
    });
  });
});

describe('LocalResponseNormalization bad input', () => {
  it('rejects an even or non-positive size, and a bad rank, naming the layer', () => {
    expect(() => localResponseNormalization({ size: 4 })).toThrow(
      /LocalResponseNormalization: size must be an odd positive integer/,
    );
    expect(() => localResponseNormalization({ size: 0 })).toThrow(/LocalResponseNormalization: size/);
    expect(() => localResponseNormalization({ k: 0 })).toThrow(/k must be a finite number > 0/);
    expect(() => localResponseNormalization().build([null, 4])).toThrow(/LocalResponseNormalization: inputShape must be rank 4/);
  });
});
