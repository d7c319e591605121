import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gaussian1d, gaussian2d, LayerArgumentError, subtractiveNormalization } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { subtractive, type Shape4 } from './helpers/reference';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('SubtractiveNormalization on %s', (engine) => {
  useEngine(engine);

  it('maps a constant image to zero everywhere, borders included (coefficient map)', () => {
    const x = tf.fill([1, 5, 5, 3], 2.5);
    const y = subtractiveNormalization({ kernel: gaussian1d(5) }).apply(x) as tf.Tensor;
    for (const v of y.dataSync()) expect(Math.abs(v)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
  });

  it('subtracts the mean of the neighbourhood across channels (hand values, box kernel)', () => {
    // 1x3 image with 2 channels, kernel [1,1,1] (3x3 box): centre pixel sees all 6 values, mean 3.5;
    // the left pixel sees columns 0-1 only: mean (1+2+3+4)/4 = 2.5.
    const x = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 1, 3, 2]);
    const y = subtractiveNormalization({ kernel: [1, 1, 1] }).apply(x) as tf.Tensor;
    const expected = [1 - 2.5, 2 - 2.5, 3 - 3.5, 4 - 3.5, 5 - 4.5, 6 - 4.5];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([x, y]);
  });

  const cases: Array<{ name: string; shape: Shape4; kernel: number[] | number[][] }> = [
    { name: '1-D Gaussian 5, 3 channels', shape: [2, 5, 6, 3], kernel: gaussian1d(5) },
    { name: '2-D Gaussian 3, 2 channels', shape: [1, 4, 4, 2], kernel: gaussian2d(3) },
  ];
  for (const c of cases) {
    it(`gradient matches float64 central differences (${c.name})`, () => {
      const layer = subtractiveNormalization({ kernel: c.kernel });
      gradCheck({
        f: (x) => layer.apply(x) as tf.Tensor,
        reference: (x) => subtractive(x, c.shape, c.kernel),
        x: uniform(
          c.shape.reduce((a, b) => a * b, 1),
          3,
        ),
        shape: c.shape,
      });
    });
  }
});

describe('SubtractiveNormalization bad input', () => {
  it('rejects even or empty kernels, naming the layer', () => {
    expect(() => subtractiveNormalization({ kernel: [1, 1] })).toThrow(/SubtractiveNormalization: kernel must be/);
    expect(() => subtractiveNormalization({ kernel: [] })).toThrow(LayerArgumentError);
    expect(() => subtractiveNormalization({ kernel: [[1, 1, 1]] })).not.toThrow();
    expect(() => subtractiveNormalization({ kernel: [0, 0, 0] })).toThrow(/positive sum/);
  });

  it('rejects the wrong rank and the wrong channel count at build time', () => {
    expect(() => subtractiveNormalization().build([null, 8, 8])).toThrow(/SubtractiveNormalization: inputShape must be rank 4/);
    expect(() => subtractiveNormalization({ channels: 3 }).build([null, 8, 8, 4])).toThrow(
      /SubtractiveNormalization: inputShape must be 3 channels/,
    );
    expect(() => subtractiveNormalization({ channels: 0 })).toThrow(/channels must be a positive integer/);
  });
});
