import { describe, expect, it } from 'vitest';
import { stratifiedFolds } from '../src/stratified-kfold';

describe('stratifiedFolds', () => {
  it('partitions the rows and keeps class proportions in every fold', () => {
    const y = Int32Array.from({ length: 100 }, (_, i) => (i < 80 ? 0 : 1));
    const folds = stratifiedFolds(y, 5, 3);
    const all = folds.flatMap((f) => Array.from(f)).sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: 100 }, (_, i) => i));
    for (const f of folds) {
      expect(f.length).toBe(20);
      expect(Array.from(f).filter((i) => y[i] === 1).length).toBe(4);
    }
    expect(stratifiedFolds(y, 5, 3)).toEqual(folds);
    expect(stratifiedFolds(y, 5, 4)).not.toEqual(folds);
    expect(() => stratifiedFolds(y, 1, 0)).toThrow(/≥ 2/);
    expect(() => stratifiedFolds(y, 30, 0)).toThrow(/at most 20/);
  });

  it("refuses a class of one member in scikit-learn's words, naming the smallest class", () => {
    const y = Int32Array.from({ length: 21 }, (_, i) => (i === 20 ? 9 : i % 2));
    expect(() => stratifiedFolds(y, 5, 0)).toThrow(
      'options.folds: expected at most 1 (the size of class 9), received 5. The least populated class in y has only 1 member, which is too few. The minimum number of members in any class cannot be less than n_splits=5',
    );
  });
});
