import { describe, expect, it } from 'vitest';
import { DlkitError, findInvalidLabel, validators } from '../src/index';

class PackageError extends DlkitError {
  override name = 'PackageError';
}
const v = validators((argument, received, expected, hint) => new PackageError({ argument, received, expected, hint }));

describe('validators', () => {
  it('return the value when valid', () => {
    expect(v.positiveInt('epochs', 3)).toBe(3);
    expect(v.nonNegativeInt('patience', 0)).toBe(0);
    expect(v.numberIn('rate', 0.5, 0, 1)).toBe(0.5);
    expect(v.oneOf('average', 'macro', ['micro', 'macro'] as const)).toBe('macro');
  });

  it("throw the package's own error naming the argument and what was allowed", () => {
    expect(() => v.positiveInt('options.epochs', 0)).toThrow(PackageError);
    expect(() => v.positiveInt('options.epochs', 1.5)).toThrow('options.epochs: expected a positive integer, received 1.5');
    expect(() => v.nonNegativeInt('n', -1)).toThrow('n: expected a non-negative integer, received -1');
    expect(() => v.numberIn('rate', Number.NaN, 0, 1)).toThrow('rate: expected a number in [0, 1], received NaN');
    expect(() => v.oneOf('average', 'mean', ['micro', 'macro'])).toThrow(
      "average: expected one of 'micro', 'macro', received \"mean\"",
    );
    expect(() => v.check(false, 'x', 1, 'two', 'Use 2')).toThrow('x: expected two, received 1. Use 2');
  });

  it('default to DlkitError with code BAD_ARGUMENT', () => {
    try {
      validators().positiveInt('k', -2);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DlkitError);
      expect((e as DlkitError).code).toBe('BAD_ARGUMENT');
    }
  });
});

describe('findInvalidLabel', () => {
  it('finds the first label that is not an integer in [0, numClasses)', () => {
    expect(findInvalidLabel(new Int32Array([0, 1, 2]), 3)).toBeUndefined();
    expect(findInvalidLabel([0, 9, 1], 3)).toEqual({ index: 1, value: 9 });
    expect(findInvalidLabel([0, -1], 3)).toEqual({ index: 1, value: -1 });
    expect(findInvalidLabel(new Float32Array([1.5]), 3)).toEqual({ index: 0, value: 1.5 });
    expect(findInvalidLabel([Number.NaN], 3)).toEqual({ index: 0, value: Number.NaN });
    expect(findInvalidLabel([], 3)).toBeUndefined();
  });
});
