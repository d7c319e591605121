import { describe, expect, it } from 'vitest';
import { checkLabels, checkMatrix, takeRows, uniqueClasses } from '../src/matrix';

describe('matrix checks', () => {
  it('accepts good data and names the bad field otherwise', () => {
    const X = { data: new Float32Array([1, 2, 3, 4, 5, 6]), rows: 3, cols: 2 };
    expect(() => checkMatrix(X)).not.toThrow();
    expect(() => checkMatrix({ ...X, data: [1, 2] as unknown as Float32Array })).toThrow(
      /X\.data: expected .*, received Array\(2\)/,
    );
    expect(() => checkMatrix({ ...X, rows: 0 })).toThrow(/X\.rows/);
    expect(() => checkMatrix(X, 'Xtest', 3)).toThrow(/Xtest\.cols: expected 3 features, as at fit time, received 2/);
    expect(Array.from(checkLabels([1, 2, 3], 3))).toEqual([1, 2, 3]);
    expect(() => checkLabels([1, 2.5, 3], 3)).toThrow(/y\[1\]/);
    expect(Array.from(uniqueClasses(Int32Array.from([3, 1, 3, 2])))).toEqual([1, 2, 3]);
    expect(Array.from(takeRows(X, [2, 0]).data)).toEqual([5, 6, 1, 2]);
  });
});
