import { describe, expect, it } from 'vitest';
import { formatNumber, logTicks, niceTicks } from '../src/index';

describe('niceTicks', () => {
  it('gives round steps of 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0.13, 0.87, 5)).toEqual([0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(91.7, 94.6, 5)).toEqual([92, 93, 94]);
    expect(niceTicks(91.7, 94.6, 8)).toEqual([92, 92.5, 93, 93.5, 94, 94.5]);
    expect(niceTicks(-3, 3, 6)).toEqual([-3, -2, -1, 0, 1, 2, 3]);
  });

  it('returns the single value for an empty range', () => {
    expect(niceTicks(2, 2)).toEqual([2]);
  });
});

describe('logTicks', () => {
  it('uses decades when three or more show, else 1-2-5, else every multiple', () => {
    expect(logTicks(0.001, 1)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(logTicks(0.05, 2)).toEqual([0.05, 0.1, 0.2, 0.5, 1, 2]);
    expect(logTicks(180, 620)).toEqual([200, 300, 400, 500, 600]);
  });
});

describe('formatNumber', () => {
  it('prints 4 significant digits without float noise, exponents when far from 1', () => {
    expect(formatNumber(0.30000000000000004)).toBe('0.3');
    expect(formatNumber(93.14159)).toBe('93.14');
    expect(formatNumber(125000)).toBe('1.25e+5');
    expect(formatNumber(0.00001234)).toBe('1.23e-5');
    expect(formatNumber(0)).toBe('0');
  });
});
