import { describe, expect, it } from 'vitest';
import { fbeta, MetricsError } from '../src/index';
import { checkOutcome, commonOptions, prfsCases } from './prfs-fixture';

describe('fbeta', () => {
  it(`matches fbeta_score on ${prfsCases.cases.length} label sets (beta 0, 0.5, 1, 2, 3, Infinity)`, () => {
    for (const [i, c] of prfsCases.cases.entries()) {
      checkOutcome(
        c.fbeta,
        (onWarning) => fbeta(c.yTrue, c.yPred, c.beta, { ...commonOptions(c), onWarning }),
        (r) => r,
        `case ${i}`,
      );
    }
  });
  it('scikit-learn docstring value and beta validation', () => {
    expect(fbeta([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], 0.5, { average: 'macro' })).toBeCloseTo(0.23809523809523805, 15);
    expect(() => fbeta([0, 1], [0, 1], -1)).toThrow(MetricsError);
    expect(() => fbeta([0, 1], [0, 1], Number.NaN)).toThrow(/beta/);
  });
});
