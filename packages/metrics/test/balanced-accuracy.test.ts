import { describe, expect, it } from 'vitest';
import { balancedAccuracy } from '../src/index';
import { accuracyFixture } from './accuracy-fixture';
import { collector, expectClose } from './helpers';

describe('balancedAccuracy', () => {
  it(`matches balanced_accuracy_score on ${accuracyFixture.cases.length} label sets (adjusted, weights, warnings)`, () => {
    for (const [i, c] of accuracyFixture.cases.entries()) {
      const col = collector();
      const v = balancedAccuracy(c.yTrue, c.yPred, {
        adjusted: c.balanced.adjusted,
        sampleWeight: c.sampleWeight,
        onWarning: col.onWarning,
      });
      expectClose(v, c.balanced.result!, `case ${i}`);
      const expected = c.balanced.warnings.filter((w) => w.message.includes('y_pred contains')).map((w) => w.message);
      expect(
        col.warnings.map((w) => w.message),
        `case ${i}`,
      ).toEqual(expected);
    }
  });

  it('docstring example', () => {
    expect(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1])).toBe(0.625);
    expect(balancedAccuracy([0, 1, 0, 0, 1, 0], [0, 1, 0, 0, 0, 1], { adjusted: true })).toBe(0.25);
  });
});
