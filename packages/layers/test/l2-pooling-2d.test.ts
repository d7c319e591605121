import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { l2Pooling2d, LayerArgumentError } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { l2Pool, type Shape4 } from './helpers/reference';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('L2Pooling2D on %s', (engine) => {
  useEngine(engine);

  it('computes sqrt of the summed squares over each window (hand values)', () => {
    // 2x4 image, one channel, 2x2 windows: [3,4;0,0] -> 5, [1,2;2,4] -> 5.
    const x = tf.tensor4d([3, 4, 1, 2, 0, 0, 2, 4], [1, 2, 4, 1]);
    const y = l2Pooling2d({ poolSize: 2 }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 1, 2, 1]);
    expect(Array.from(y.dataSync())).toEqual([5, 5]);
    tf.dispose([x, y]);
  });

  it("pads with zeros for 'same' and honours strides", () => {
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 3, 3, 1]);
    const y = l2Pooling2d({ poolSize: 2, strides: 2, padding: 'same' }).apply(x) as tf.Tensor;
    expect(y.shape).toEqual([1, 2, 2, 1]);
    const expected = [Math.sqrt(1 + 4 + 16 + 25), Math.sqrt(9 + 36), Math.sqrt(49 + 64), 9];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([x, y]);
  });

  const cases: Array<{ name: string; shape: Shape4; k: [number, number]; s: [number, number]; padding: 'valid' | 'same' }> = [
    { name: 'valid 2x2/2', shape: [2, 4, 4, 2], k: [2, 2], s: [2, 2], padding: 'valid' },
    { name: 'overlapping 3x3/1', shape: [1, 5, 5, 2], k: [3, 3], s: [1, 1], padding: 'valid' },
    { name: 'same 3x2/2', shape: [1, 5, 4, 3], k: [3, 2], s: [2, 2], padding: 'same' },
  ];
  for (const c of cases) {
    it(`gradient matches float64 central differences (${c.name})`, () => {
      const layer = l2Pooling2d({ poolSize: c.k, strides: c.s, padding: c.padding });
      const n = c.shape.reduce((a, b) => a * b, 1);
      gradCheck({
        f: (x) => layer.apply(x) as tf.Tensor,
        reference: (x) => l2Pool(x, c.shape, c.k, c.s, c.padding),
        x: uniform(n, 11),
        shape: c.shape,
      });
    });
  }

  it('gives 0 with a zero gradient on all-zero windows (no NaN)', () => {
    const x = tf.zeros([1, 2, 2, 1]);
    const g = tf.grad((t: tf.Tensor) => tf.sum(l2Pooling2d({ poolSize: 2 }).apply(t) as tf.Tensor))(x);
    expect(Array.from(g.dataSync())).toEqual([0, 0, 0, 0]);
    tf.dispose([x, g]);
  });

  it('leaves no tensors behind across apply calls', () => {
    const layer = l2Pooling2d({ poolSize: 2 });
    const x = tf.randomNormal([2, 4, 4, 3]);
    tf.dispose(layer.apply(x) as tf.Tensor);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(layer.apply(x) as tf.Tensor);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('L2Pooling2D bad input', () => {
  it('rejects a non-positive window', () => {
    expect(() => l2Pooling2d({ poolSize: 0 })).toThrow(LayerArgumentError);
    expect(() => l2Pooling2d({ poolSize: [2, -1] })).toThrow(/L2Pooling2D: poolSize must be a positive integer/);
  });

  it('rejects an unknown padding', () => {
    expect(() => l2Pooling2d({ padding: 'causal' as 'same' })).toThrow(/padding must be one of 'valid', 'same'/);
  });

  it('names the layer when the input rank is wrong', () => {
    const layer = l2Pooling2d();
    expect(() => layer.build([null, 4, 4])).toThrow(/L2Pooling2D: inputShape must be rank 4/);
  });

  it('refuses a window larger than the input at build time', () => {
    const layer = l2Pooling2d({ poolSize: 5 });
    let err: unknown;
    try {
      layer.build([null, 4, 4, 1]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(LayerArgumentError);
    expect((err as LayerArgumentError).layer).toBe('L2Pooling2D');
    expect((err as LayerArgumentError).field).toBe('poolSize');
    expect((err as Error).message).toMatch(/larger than the input/);
    expect(() => l2Pooling2d({ poolSize: 5, padding: 'same' }).build([null, 4, 4, 1])).not.toThrow();
  });
});
