import { describe, expect, it } from 'vitest';
import { recall } from '../src/index';
import { checkOutcome, commonOptions, prfsCases } from './prfs-fixture';

describe('recall', () => {
  it(`matches recall_score on ${prfsCases.cases.length} label sets`, () => {
    for (const [i, c] of prfsCases.cases.entries()) {
      checkOutcome(
        c.recall,
        (onWarning) => recall(c.yTrue, c.yPred, { ...commonOptions(c), onWarning }),
        (r) => r,
        `case ${i}`,
      );
    }
  });
  it('returns per-label values with average null', () => {
    expect(Array.from(recall([0, 1, 2, 0, 1, 2], [0, 2, 1, 0, 0, 1], { average: null }))).toEqual([1, 0, 0]);
  });
});
