import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { divisiveNormalization, gaussian1d, LayerArgumentError } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';
import { divisive, type Shape4 } from './helpers/reference';
import { uniform } from './helpers/rng';

describe.each(ENGINES)('DivisiveNormalization on %s', (engine) => {
  useEngine(engine);

  it('divides by the local RMS across channels (hand values, 1x1 kernel)', () => {
    // kernel [1]: σ = sqrt((a² + b²) / 2) per pixel over the 2 channels.
    const x = tf.tensor4d([3, 4, -1, 1], [1, 1, 2, 2]);
    const y = divisiveNormalization({ kernel: [1] }).apply(x) as tf.Tensor;
    const s1 = Math.sqrt(12.5);
    const expected = [3 / s1, 4 / s1, -1, 1];
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([x, y]);
  });

  it("divides Torch's border-adjusted root by the coefficient (hand values, box kernel)", () => {
    // 1x2 image, 1 channel, kernel [1,1,1]: each pixel's window holds 2 of 9 taps, coef = 2/9,
    // σ = sqrt((a² + b²)/9) / (2/9).
    const x = tf.tensor4d([1, 2], [1, 1, 2, 1]);
    const y = divisiveNormalization({ kernel: [1, 1, 1] }).apply(x) as tf.Tensor;
    const std = Math.sqrt(5 / 9) / (2 / 9);
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo([1, 2][i] / std, 5));
    tf.dispose([x, y]);
  });

  it('replaces standard deviations at or below the threshold by thresval', () => {
    const x = tf.tensor4d([0.001, 0], [1, 1, 1, 2]);
    const y = divisiveNormalization({ kernel: [1], threshold: 0.01, thresval: 0.5 }).apply(x) as tf.Tensor;
    Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo([0.002, 0][i], 6));
    tf.dispose([x, y]);
  });

  it('gradient matches float64 central differences (1-D Gaussian 5, 3 channels)', () => {
    const shape: Shape4 = [2, 5, 5, 3];
    const kernel = gaussian1d(5);
    const layer = divisiveNormalization({ kernel });
    gradCheck({
      f: (x) => layer.apply(x) as tf.Tensor,
      reference: (x) => divisive(x, shape, kernel),
      x: uniform(
        shape.reduce((a, b) => a * b, 1),
        5,
      ),
      shape,
    });
  });

  it('gradient is zero through the thresholded σ (only the direct 1/thresval path remains)', () => {
    const shape: Shape4 = [1, 3, 3, 1];
    const layer = divisiveNormalization({ kernel: [1, 1, 1], threshold: 10, thresval: 2 });
    gradCheck({
      f: (x) => layer.apply(x) as tf.Tensor,
      reference: (x) => divisive(x, shape, [1, 1, 1], 10, 2),
      x: uniform(9, 6),
      shape,
    });
  });
});

describe('DivisiveNormalization bad input', () => {
  it('rejects negative thresholds and non-positive thresval', () => {
    expect(() => divisiveNormalization({ threshold: -1 })).toThrow(
      /DivisiveNormalization: threshold must be a finite number >= 0/,
    );
    expect(() => divisiveNormalization({ thresval: 0 })).toThrow(LayerArgumentError);
  });

  it('rejects the wrong channel count at build time', () => {
    expect(() => divisiveNormalization({ channels: 2 }).build([null, 5, 5, 3])).toThrow(/DivisiveNormalization: inputShape/);
  });
});
