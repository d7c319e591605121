import { describe, expect, it } from 'vitest';
import { DatasetError } from '../src/errors';
import { holdOut, kFold, stratifiedHoldOut, stratifiedKFold } from '../src/split';
import { catchSync } from './helpers';

const sorted = (a: Int32Array) => Array.from(a).sort((x, y) => x - y);
const all = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('hold-out splits', () => {
  it('80:20 by default, disjoint, covering, seeded', () => {
    const s = holdOut(1000, { seed: 42 });
    expect([s.train.length, s.test.length]).toEqual([800, 200]);
    expect(sorted(Int32Array.from([...s.train, ...s.test]))).toEqual(all(1000));
    expect(Array.from(holdOut(1000, { seed: 42 }).test)).toEqual(Array.from(s.test));
    expect(Array.from(holdOut(1000, { seed: 43 }).test)).not.toEqual(Array.from(s.test));
    expect(Array.from(holdOut(10, { shuffle: false, testFraction: 0.3 }).test)).toEqual([7, 8, 9]);
  });

  it('stratified keeps class shares', () => {
    const labels = Uint8Array.from({ length: 1000 }, (_, i) => (i < 700 ? 0 : i < 950 ? 1 : 2));
    const s = stratifiedHoldOut(labels, { testFraction: 0.2, seed: 1 });
    expect(s.test.length).toBe(200);
    const count = (idx: Int32Array, c: number) => Array.from(idx).filter((i) => labels[i] === c).length;
    expect([count(s.test, 0), count(s.test, 1), count(s.test, 2)]).toEqual([140, 50, 10]);
    expect(sorted(Int32Array.from([...s.train, ...s.test]))).toEqual(all(1000));
  });

  it('rejects bad fractions', () => {
    expect(catchSync(() => holdOut(10, { testFraction: 1.5 })).field).toBe('testFraction');
    expect(catchSync(() => stratifiedHoldOut([0, 1], { testFraction: 0 })).field).toBe('testFraction');
  });
});

describe('k-fold', () => {
  it('5 folds by default; each sample tested exactly once; sizes differ by at most one', () => {
    const folds = kFold(103, { seed: 3 });
    expect(folds).toHaveLength(5);
    const tested = folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b);
    expect(tested).toEqual(all(103));
    for (const f of folds) {
      expect(f.test.length === 20 || f.test.length === 21).toBe(true);
      expect(f.train.length + f.test.length).toBe(103);
      const t = new Set(f.test);
      expect(Array.from(f.train).some((i) => t.has(i))).toBe(false);
    }
  });

  it('stratified folds keep class proportions', () => {
    const labels = Uint8Array.from({ length: 500 }, (_, i) => (i % 5 === 0 ? 1 : 0)); // 20 % class 1
    const folds = stratifiedKFold(labels, { k: 5, seed: 9 });
    for (const f of folds) {
      expect(f.test.length).toBe(100);
      expect(Array.from(f.test).filter((i) => labels[i] === 1).length).toBe(20);
    }
    expect(folds.flatMap((f) => Array.from(f.test)).sort((a, b) => a - b)).toEqual(all(500));
    expect(catchSync(() => kFold(3, { k: 5 })).field).toBe('k');
  });
});

describe('stratified splits refuse classes too small to stratify, as scikit-learn does', () => {
  it('stratifiedHoldOut: a class of one member cannot be in both train and test', () => {
    const labels = [0, 0, 0, 0, 1, 1, 1, 1, 7];
    const err = catchSync(() => stratifiedHoldOut(labels, { testFraction: 0.25 }));
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.code).toBe('BAD_ARGUMENT');
    expect(err.field).toBe('labels');
    expect(err.received).toBe('class 7 with 1 member');
    expect(err.message.split('\n')[0]).toBe(
      'The least populated class in labels (7) has only 1 member, which is too few. The minimum number of members in any class cannot be less than 2',
    );
    // Two members are enough: one on each side.
    const two = stratifiedHoldOut([...labels, 7], { testFraction: 0.5, seed: 3 });
    expect(two.train.length + two.test.length).toBe(10);
  });

  it('stratifiedKFold: every class needs at least k members, one per fold', () => {
    const labels = Uint8Array.from({ length: 40 }, (_, i) => (i < 37 ? i % 2 : 2)); // class 2 has 3 members
    const err = catchSync(() => stratifiedKFold(labels, { k: 5 }));
    expect(err).toBeInstanceOf(DatasetError);
    expect(err.field).toBe('labels');
    expect(err.message.split('\n')[0]).toBe(
      'The least populated class in labels (2) has only 3 members, which is too few. The minimum number of members in any class cannot be less than n_splits=5',
    );
    expect(stratifiedKFold(labels, { k: 3 })).toHaveLength(3);
  });
});
