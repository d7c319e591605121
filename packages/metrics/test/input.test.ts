import { describe, expect, it } from 'vitest';
import type { MetricsError } from '../src/index';
import { accurateSum, toLabels, toMatrix, toWeights } from '../src/input';

describe('input', () => {
  it('accepts arrays, typed arrays and tensor-likes, returning Int32Array', () => {
    const i32 = Int32Array.of(1, 2);
    expect(toLabels(i32, 'y')).toBe(i32);
    expect(Array.from(toLabels([0, 3], 'y'))).toEqual([0, 3]);
    expect(Array.from(toLabels(Float32Array.of(2, 1), 'y'))).toEqual([2, 1]);
    expect(Array.from(toLabels({ shape: [2], dataSync: () => Float32Array.of(1, 0) }, 'y'))).toEqual([1, 0]);
  });
  it('names the argument and index of bad labels', () => {
    const argOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as MetricsError).argument;
      }
      return 'no error';
    };
    expect(argOf(() => toLabels([0, 2.5], 'yTrue'))).toBe('yTrue[1]');
    expect(argOf(() => toLabels(Int32Array.of(0, -3), 'yPred'))).toBe('yPred[1]');
    expect(argOf(() => toLabels([Number.NaN], 'yTrue'))).toBe('yTrue[0]');
    expect(argOf(() => toLabels('012', 'yTrue'))).toBe('yTrue');
    expect(argOf(() => toLabels([], 'yTrue'))).toBe('yTrue');
    expect(argOf(() => toWeights([1, Infinity], 2))).toBe('options.sampleWeight[1]');
    expect(argOf(() => toMatrix({ data: [1, 2, 3], shape: [2, 2] }, 'scores'))).toBe('scores.data');
  });
  it('accurateSum keeps precision', () => {
    const a = new Float64Array(1e5).fill(0.1);
    expect(accurateSum(a)).toBeCloseTo(1e4, 9);
  });
});
