import { describe, expect, it } from 'vitest';
import { resolveGamma } from '../src/index';
import { digits, digitsRows } from './helpers';

describe('resolveGamma', () => {
  it("matches scikit-learn's 'scale' and 'auto'", () => {
    const X = digitsRows(0, digits.nTrain);
    expect(resolveGamma('scale', X)).toBeCloseTo(digits.svc[0].gamma, 8);
    expect(resolveGamma('auto', X)).toBe(1 / 64);
    expect(resolveGamma('scale', { data: new Float32Array(4).fill(3), rows: 2, cols: 2 })).toBe(1);
    expect(resolveGamma(0.25, X)).toBe(0.25);
    expect(() => resolveGamma(0, X)).toThrow(/options\.gamma/);
  });
});
