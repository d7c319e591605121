import { describe, expect, it } from 'vitest';
import { EmbeddingError } from '../src/errors';
import { checkFinite, checkMinRows, checkNumber, checkOneOf, checkShape } from '../src/matrix';
import { matrix } from './helpers';

const codeOf = (f: () => void): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof EmbeddingError ? `${e.code}:${e.argument}` : 'other';
  }
  return undefined;
};

describe('matrix checks', () => {
  it('accepts a consistent matrix', () => {
    expect(codeOf(() => checkShape(matrix([1, 2, 3, 4], 2, 2), 'X'))).toBeUndefined();
  });
  it('refuses wrong lengths, non-Float32Array data and bad dims', () => {
    expect(codeOf(() => checkShape(matrix([1, 2, 3], 2, 2), 'X'))).toBe('INVALID_SHAPE:X.data');
    expect(codeOf(() => checkShape({ data: new Float64Array(4) as unknown as Float32Array, rows: 2, cols: 2 }, 'X'))).toBe(
      'INVALID_SHAPE:X',
    );
    expect(codeOf(() => checkShape({ data: new Float32Array(0), rows: 0, cols: 0 }, 'X'))).toBe('INVALID_SHAPE:X');
  });
  it('names the rows holding NaN or Infinity', () => {
    try {
      checkFinite(matrix([1, 2, NaN, 4, 5, Infinity], 3, 2), 'X');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EmbeddingError);
      expect((e as EmbeddingError).code).toBe('NON_FINITE');
      expect((e as EmbeddingError).received).toContain('2 row(s)');
      expect((e as EmbeddingError).received).toContain('first: 1, 2');
    }
  });
  it('checks minimum rows, numbers and enumerations', () => {
    expect(codeOf(() => checkMinRows(matrix([1], 1, 1), 'X', 2))).toBe('TOO_FEW_POINTS:X');
    expect(codeOf(() => checkNumber(1.5, 'k', { integer: true }))).toBe('INVALID_OPTION:k');
    expect(codeOf(() => checkNumber(0, 'lr', { min: 0, minExclusive: true }))).toBe('INVALID_OPTION:lr');
    expect(codeOf(() => checkNumber(NaN, 'x'))).toBe('INVALID_OPTION:x');
    expect(codeOf(() => checkOneOf('fast' as 'a' | 'b', 'method', ['a', 'b']))).toBe('INVALID_OPTION:method');
  });
});
