import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { contrastiveNormalization, divisiveNormalization, gaussian1d, subtractiveNormalization } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck, scaledError } from './helpers/gradcheck';
import { divisive, subtractive, type Shape4 } from './helpers/reference';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('ContrastiveNormalization on %s', (engine) => {
  useEngine(engine);

  it('equals subtractive then divisive normalisation with the same kernel', () => {
    const kernel = gaussian1d(7);
    const x = tf.randomNormal([2, 9, 9, 4], 0, 1, 'float32', 1);
    const y = contrastiveNormalization({ kernel }).apply(x) as tf.Tensor;
    const sub = subtractiveNormalization({ kernel }).apply(x) as tf.Tensor;
    const z = divisiveNormalization({ kernel }).apply(sub) as tf.Tensor;
    expect(scaledError(y.dataSync(), z.dataSync())).toBeLessThan(1e-5);
    tf.dispose([x, y, sub, z]);
  });

  it('is invariant to the offset and scale of its input (y(a·x + b) = y(x), a > 0)', () => {
    const x = tf.randomNormal([1, 8, 8, 3], 0, 1, 'float32', 4);
    const shifted = tf.add(tf.mul(x, 7), -3);
    const layer = contrastiveNormalization({ kernel: gaussian1d(5) });
    const y = layer.apply(x) as tf.Tensor;
    const z = layer.apply(shifted) as tf.Tensor;
    expect(scaledError(z.dataSync(), y.dataSync())).toBeLessThan(1e-4);
    tf.dispose([x, shifted, y, z]);
  });

  it('gradient matches float64 central differences (Torch tutorial kernel gaussian1d(7), 2 channels)', () => {
    const shape: Shape4 = [1, 7, 7, 2];
    const kernel = gaussian1d(7);
    const layer = contrastiveNormalization({ kernel });
    gradCheck({
      f: (x) => layer.apply(x) as tf.Tensor,
      reference: (x) => divisive(subtractive(x, shape, kernel), shape, kernel),
      x: uniform(
        shape.reduce((a, b) => a * b, 1),
        9,
      ),
      shape,
    });
  });
});

describe('ContrastiveNormalization bad input', () => {
  it('rejects a wrong channel count and an even kernel naming the layer', () => {
    expect(() => contrastiveNormalization({ channels: 1 }).build([null, 5, 5, 3])).toThrow(
      /ContrastiveNormalization: inputShape/,
    );
    expect(() => contrastiveNormalization({ kernel: [1, 2, 2, 1] })).toThrow(/ContrastiveNormalization: kernel/);
  });
});
