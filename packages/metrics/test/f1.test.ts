import { describe, expect, it } from 'vitest';
import { f1 } from '../src/index';
import { checkOutcome, commonOptions, prfsCases } from './prfs-fixture';

describe('f1', () => {
  it(`matches f1_score on ${prfsCases.cases.length} label sets`, () => {
    for (const [i, c] of prfsCases.cases.entries()) {
      checkOutcome(
        c.f1,
        (onWarning) => f1(c.yTrue, c.yPred, { ...commonOptions(c), onWarning }),
        (r) => r,
        `case ${i}`,
      );
    }
  });
  it('scikit-learn docstring values', () => {
    const t = [0, 1, 2, 0, 1, 2];
    const p = [0, 2, 1, 0, 0, 1];
    expect(f1(t, p, { average: 'macro' })).toBeCloseTo(0.26666666666666666, 15);
    expect(f1(t, p, { average: 'micro' })).toBeCloseTo(0.3333333333333333, 15);
    expect(f1(t, p, { average: 'weighted' })).toBeCloseTo(0.26666666666666666, 15);
    expect(Array.from(f1(t, p, { average: null }))).toEqual([0.8, 0, 0]);
  });
});
