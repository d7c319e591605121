import { describe, expect, it } from 'vitest';
import { precision } from '../src/index';
import { checkOutcome, commonOptions, prfsCases } from './prfs-fixture';

describe('precision', () => {
  it(`matches precision_score on ${prfsCases.cases.length} label sets (default average 'binary')`, () => {
    for (const [i, c] of prfsCases.cases.entries()) {
      checkOutcome(
        c.precision,
        (onWarning) => precision(c.yTrue, c.yPred, { ...commonOptions(c), onWarning }),
        (r) => r,
        `case ${i}`,
      );
    }
  });
  it('defaults to binary with posLabel 1', () => {
    expect(precision([0, 1, 1, 0], [0, 1, 0, 1])).toBe(0.5);
    expect(precision([0, 1, 1, 0], [0, 1, 0, 1], { posLabel: 0 })).toBe(0.5);
    expect(precision([0, 1, 1, 0], [1, 1, 0, 1])).toBeCloseTo(1 / 3, 15);
  });
});
