import { describe, expect, it } from 'vitest';
import { resolveClassWeight } from '../src/class-weight';

describe('resolveClassWeight', () => {
  it("computes 'balanced' as n / (K * count) and checks explicit weights", () => {
    const classes = Int32Array.from([0, 5]);
    const y = Int32Array.from([0, 0, 0, 5]);
    expect(Array.from(resolveClassWeight('balanced', classes, y))).toEqual([4 / 6, 2]);
    expect(Array.from(resolveClassWeight({ 5: 3 }, classes, y))).toEqual([1, 3]);
    expect(Array.from(resolveClassWeight(undefined, classes, y))).toEqual([1, 1]);
    expect(() => resolveClassWeight({ 7: 1 }, classes, y)).toThrow(/one of 0, 5/);
    expect(() => resolveClassWeight({ 0: -1 }, classes, y)).toThrow(/positive/);
  });
});
