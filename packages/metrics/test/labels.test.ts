import { describe, expect, it } from 'vitest';
import { LabelIndex, uniqueLabels } from '../src/labels';

describe('labels', () => {
  it('uniqueLabels is the sorted union, also for huge label values', () => {
    expect(uniqueLabels(Int32Array.of(3, 1, 3), Int32Array.of(0, 7))).toEqual([0, 1, 3, 7]);
    expect(uniqueLabels(Int32Array.of(2_000_000_000, 5), Int32Array.of(5))).toEqual([5, 2_000_000_000]);
  });
  it('LabelIndex maps labels to positions (dense and sparse)', () => {
    const dense = new LabelIndex([4, 2, 9]);
    expect(Array.from(dense.encode(Int32Array.of(9, 2, 3, 100)))).toEqual([2, 1, -1, -1]);
    const sparse = new LabelIndex([1_500_000_000, 3]);
    expect(sparse.indexOf(1_500_000_000)).toBe(0);
    expect(Array.from(sparse.encode(Int32Array.of(3, 4)))).toEqual([1, -1]);
  });
});
