import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { contrastiveLoss, CONTRASTIVE_FORMS, type ContrastiveForm, LayerArgumentError } from '../src/index';
import { ENGINES, useEngine } from './helpers/engines';
import { gradCheck } from './helpers/gradcheck';

const Y = [1, 0, 0, 1, 0, 0];
const D = [0.3, 0.5, 1.2, 1.1, 0.95, 0.2]; // d² and d chosen away from the margin kinks
function perPair(form: ContrastiveForm, y: number, d: number, m: number): number {
  switch (form) {
    case 'half-squared':
      return y * 0.5 * d * d + (1 - y) * Math.max(m - d * d, 0);
    case 'squared':
      return y * d * d + (1 - y) * Math.max(m - d * d, 0);
    case 'hadsell':
      return y * 0.5 * d * d + (1 - y) * 0.5 * Math.max(m - d, 0) ** 2;
  }
}

describe.each(ENGINES)('contrastiveLoss on %s', (engine) => {
  useEngine(engine);

  it('has the three documented forms (hand values, margin 1)', () => {
    // pairs: similar at d = 0.5, dissimilar at d = 0.5 and at d = 2
    const y = tf.tensor1d([1, 0, 0]);
    const d = tf.tensor1d([0.5, 0.5, 2]);
    const expected: Record<ContrastiveForm, number> = {
      'half-squared': (0.125 + 0.75 + 0) / 3,
      squared: (0.25 + 0.75 + 0) / 3,
      hadsell: (0.125 + 0.125 + 0) / 3,
    };
    for (const form of CONTRASTIVE_FORMS) {
      const l = contrastiveLoss({ form, margin: 1 })(y, d);
      expect(l.dataSync()[0]).toBeCloseTo(expected[form], 6);
      l.dispose();
    }
    const wide = contrastiveLoss({ margin: 5 })(y, d); // max(5 − 4, 0) = 1 for the far pair
    expect(wide.dataSync()[0]).toBeCloseTo((0.125 + 4.75 + 1) / 3, 5);
    tf.dispose([y, d, wide]);
  });

  for (const form of CONTRASTIVE_FORMS) {
    it(`${form}: gradient with respect to d matches float64 central differences`, () => {
      const y = tf.tensor1d(Y);
      const m = 1.3;
      gradCheck({
        f: (d) => contrastiveLoss({ form, margin: m })(y, d),
        reference: (d) => Float64Array.of(Y.reduce((a, yi, i) => a + perPair(form, yi, d[i], m), 0) / Y.length),
        x: Float64Array.from(D, (v) => Math.fround(v)),
        shape: [6],
      });
      y.dispose();
    });
  }
});

describe('contrastiveLoss bad input', () => {
  it('rejects a non-positive margin and an unknown form', () => {
    expect(() => contrastiveLoss({ margin: 0 })).toThrow(/contrastiveLoss: margin must be a finite number > 0/);
    expect(() => contrastiveLoss({ margin: -1 })).toThrow(LayerArgumentError);
    expect(() => contrastiveLoss({ form: 'cosine' as ContrastiveForm })).toThrow(
      /form must be one of 'half-squared', 'squared', 'hadsell'/,
    );
  });
});
